package dev.sieve.sink.clickhouse.audit;

import java.util.List;
import java.util.Optional;

/**
 * Who may do what on one ClickHouse server, as its access tables show it, or why they could not be read (a
 * server without access management, or an auditing user without {@code SHOW USERS}/{@code SHOW ROLES}).
 */
sealed interface LiveAccess {

    /** The rows of {@code system.roles}, {@code system.grants}, {@code system.role_grants}, {@code system.users}. */
    record Rows(List<String> roles, List<GrantRow> grants, List<RoleGrantRow> roleGrants, List<UserRow> users)
            implements LiveAccess {

        public Rows {
            roles = List.copyOf(roles);
            grants = List.copyOf(grants);
            roleGrants = List.copyOf(roleGrants);
            users = List.copyOf(users);
        }
    }

    /** The access tables could not be read; {@code reason} says why. */
    record Unreadable(String reason) implements LiveAccess {}

    /**
     * One row of {@code system.grants}: one access type on one database, table or column, held by a user or a
     * role. An empty database means every database; an empty table, every table of the database.
     */
    record GrantRow(Optional<String> userName, Optional<String> roleName, String accessType,
            Optional<String> database, Optional<String> table, Optional<String> column, boolean isPartialRevoke,
            boolean grantOption) {

        /** {@code role R} or {@code user U}. */
        public String grantee() {
            return roleName.map(r -> "role " + r).orElseGet(() -> "user " + userName.orElse("?"));
        }

        /** {@code db.table}, {@code db.*} or {@code *.*}, with the column in brackets when there is one. */
        public String target() {
            return database.orElse("*") + "." + table.orElse("*") + column.map(c -> "(" + c + ")").orElse("");
        }
    }

    /** One row of {@code system.role_grants}: a role granted to a user or to another role. */
    record RoleGrantRow(Optional<String> userName, Optional<String> roleName, String grantedRoleName,
            boolean withAdminOption) {

        public String grantee() {
            return roleName.map(r -> "role " + r).orElseGet(() -> "user " + userName.orElse("?"));
        }
    }

    /** One row of {@code system.users}: the user and how it authenticates ({@code auth_type}). */
    record UserRow(String name, List<String> authTypes) {

        public UserRow {
            authTypes = List.copyOf(authTypes);
        }
    }
}
