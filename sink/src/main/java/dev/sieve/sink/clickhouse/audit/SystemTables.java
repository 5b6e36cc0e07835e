package dev.sieve.sink.clickhouse.audit;

import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SqlLiteral;
import dev.sieve.sink.clickhouse.Tsv;
import dev.sieve.sink.clickhouse.audit.LiveAccess.GrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.RoleGrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.UserRow;
import dev.sieve.sink.store.StoreFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what one region's ClickHouse holds from its system tables. It only reads: nothing here changes the
 * server. {@code system.tables} only lists tables the user can see, so audit as the sink's own user.
 */
final class SystemTables {

    /** The columns of {@code system.grants} the audit reads, in {@link GrantRow}'s order. */
    static final List<String> GRANT_COLUMNS = List.of("user_name", "role_name", "access_type", "database", "table",
            "column", "is_partial_revoke", "grant_option");
    static final List<String> ROLE_GRANT_COLUMNS = List.of("user_name", "role_name", "granted_role_name",
            "with_admin_option");
    /** ACCESS_DENIED: no SHOW USERS/SHOW ROLES, as on a server without access management; UNKNOWN_TABLE. */
    private static final Set<Integer> ACCESS_TABLES_UNREADABLE = Set.of(497, 60);

    private final ClickHouseGateway ch;
    private final SchemaOptions options;

    SystemTables(ClickHouseGateway ch, SchemaOptions options) {
        this.ch = ch;
        this.options = options;
    }

    /** Every table of the Sieve database with its columns, by name. */
    List<LiveTable> tables() {
        String db = SqlLiteral.string(options.database());
        Map<String, List<LiveTable.Column>> columns = new LinkedHashMap<>();
        for (List<String> r : rows("SELECT table, name, type FROM system.columns WHERE database = " + db
                + " ORDER BY table, position")) {
            columns.computeIfAbsent(r.get(0), t -> new ArrayList<>()).add(new LiveTable.Column(r.get(1), r.get(2)));
        }
        List<LiveTable> out = new ArrayList<>();
        for (List<String> r : rows("SELECT name, engine, total_rows, create_table_query FROM system.tables"
                + " WHERE database = " + db + " ORDER BY name")) {
            out.add(new LiveTable(r.get(0), r.get(1), Optional.ofNullable(r.get(2)).map(Long::parseLong), r.get(3),
                    columns.getOrDefault(r.get(0), List.of())));
        }
        return out;
    }

    /** The access tables, or why they cannot be read. */
    LiveAccess access() {
        try {
            List<String> roles = rows("SELECT name FROM system.roles ORDER BY name").stream().map(r -> r.get(0))
                    .toList();
            List<GrantRow> grants = rows("SELECT " + String.join(", ", GRANT_COLUMNS) + " FROM system.grants")
                    .stream().map(r -> new GrantRow(Optional.ofNullable(r.get(0)), Optional.ofNullable(r.get(1)),
                            r.get(2), Optional.ofNullable(r.get(3)), Optional.ofNullable(r.get(4)),
                            Optional.ofNullable(r.get(5)), r.get(6).equals("1"), r.get(7).equals("1"))).toList();
            List<RoleGrantRow> roleGrants = rows("SELECT " + String.join(", ", ROLE_GRANT_COLUMNS)
                    + " FROM system.role_grants").stream().map(r -> new RoleGrantRow(Optional.ofNullable(r.get(0)),
                            Optional.ofNullable(r.get(1)), r.get(2), r.get(3).equals("1"))).toList();
            // toString: auth_type is an array since ClickHouse 24.9, a single value before.
            List<UserRow> users = rows("SELECT name, toString(auth_type) FROM system.users").stream()
                    .map(r -> new UserRow(r.get(0), authTypes(r.get(1)))).toList();
            return new LiveAccess.Rows(roles, grants, roleGrants, users);
        } catch (StoreFailure f) {
            if (!ACCESS_TABLES_UNREADABLE.contains(f.code())) {
                throw f;
            }
            return new LiveAccess.Unreadable("cannot read the access tables (" + f.getMessage() + "): the audit's"
                    + " user needs SHOW USERS and SHOW ROLES, on a server with access management");
        }
    }

    private List<List<String>> rows(String sql) {
        return Tsv.parse(ch.query(sql, "TSV"));
    }

    /** {@code ['sha256_password']} or {@code sha256_password} to its names. */
    private static List<String> authTypes(String value) {
        return Arrays.stream(value.replaceAll("[\\[\\]']", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
