package dev.sieve.sink.clickhouse.audit;

import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.Severity;
import dev.sieve.sink.clickhouse.Grants.Grant;
import dev.sieve.sink.clickhouse.Grants;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.audit.LiveAccess.GrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.RoleGrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.Rows;
import dev.sieve.sink.clickhouse.audit.LiveAccess.UserRow;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds one server's roles and grants against {@link Grants} (policy 7.3, "strictly limit who has access"). The
 * policy's grants are the whole of what Sieve's roles may do, so anything beyond them is a privacy drift: a role
 * granted more (analysts reading a raw purpose's table or the whole database), a role that inherits another,
 * the power to pass a role on, the sink's control role held by anyone but the sink's user, users or other roles
 * reaching Sieve's data through grants of their own, users without a password. A missing role or grant is an error:
 * the sink or its readers cannot work; except readers' grants on a quarantined purpose's tables, which must be gone.
 */
final class GrantAudit {

    /**
     * {@code system.grants} names an access type by its canonical name, which is not always the word
     * {@link Grants} writes in {@code GRANT}.
     */
    private static final Map<String, String> CANONICAL = Map.of("ALTER MODIFY TTL", "ALTER TTL");
    /** Access types that read, change or remove a table's data (or copy it out); groups included. */
    private static final Set<String> DATA_ACCESS = Set.of("ALL", "SELECT", "INSERT", "TRUNCATE", "BACKUP");

    private GrantAudit() {}

    static String canonical(String privilege) {
        return CANONICAL.getOrDefault(privilege, privilege);
    }

    /**
     * @param sinkUser the user the sink connects to this region as: the only one to hold {@link Grants#ADMIN}
     */
    static List<Finding> check(TableCatalog catalog, SchemaOptions o, String sinkUser, Set<String> quarantined,
            String region, Rows live) {
        List<Grant> expected = Grants.grants(catalog, o);
        // A quarantined purpose's readers lose their grants until it is released: not missing, but held is drift.
        List<Grant> withdrawn = quarantined.stream().flatMap(p -> Grants.readers(catalog, o, p).stream()).toList();
        Set<String> rawTables = new HashSet<>();
        for (TableLayout t : catalog.tables()) {
            if (t.holdsRawIdentifiers()) {
                rawTables.add(t.name());
                rawTables.add(o.storageName(t.name()));
            }
        }
        List<Finding> out = new ArrayList<>();
        for (String role : Grants.ROLES) {
            if (!live.roles().contains(role)) {
                out.add(Finding.of(Severity.ERROR, region, "role " + role, "role missing"));
            }
        }
        out.addAll(beyondPolicy(expected, o, rawTables, region, live.grants()));
        out.addAll(missing(expected.stream().filter(g -> !withdrawn.contains(g)).toList(), region, live));
        out.addAll(notWithdrawn(catalog, o, quarantined, region, live));
        out.addAll(roleGrants(sinkUser, region, live.roleGrants()));
        out.addAll(withoutPassword(o, region, live));
        return out;
    }

    /**
     * Grants of Sieve's roles the policy does not make, and grants reaching Sieve's data held by anyone else:
     * users get access by being granted Sieve's roles, not privileges of their own.
     */
    private static List<Finding> beyondPolicy(List<Grant> expected, SchemaOptions o, Set<String> rawTables,
            String region, List<GrantRow> rows) {
        // grantee -> target -> access types: one line says all a grantee holds beyond the policy on one target
        Map<String, Map<String, List<String>>> wider = new TreeMap<>();
        Map<String, Map<String, List<String>>> outside = new TreeMap<>();
        List<Finding> passOn = new ArrayList<>();
        for (GrantRow row : rows) {
            if (row.isPartialRevoke()) {
                continue; // a revoke only narrows
            }
            if (row.roleName().filter(Grants.ROLES::contains).isPresent()) {
                if (!covered(expected, row)) {
                    wider.computeIfAbsent(row.grantee(), g -> new TreeMap<>())
                            .computeIfAbsent(row.target(), t -> new ArrayList<>()).add(row.accessType());
                } else if (row.grantOption() && !passableOn(expected, row)) {
                    passOn.add(Finding.of(Severity.PRIVACY, region, row.grantee(), row.accessType() + " on "
                            + row.target() + " WITH GRANT OPTION: it can be passed to anyone"));
                }
            } else if (reachesSieveData(row, o.database())) {
                outside.computeIfAbsent(row.grantee(), g -> new TreeMap<>())
                        .computeIfAbsent(row.target(), t -> new ArrayList<>()).add(row.accessType());
            }
        }
        List<Finding> out = new ArrayList<>();
        wider.forEach((grantee, targets) -> targets.forEach((target, types) -> out.add(Finding.of(Severity.PRIVACY,
                region, grantee, String.join(", ", types) + " on " + target + " beyond the policy's grants"
                        + hint(target, o, rawTables)))));
        out.addAll(passOn);
        outside.forEach((grantee, targets) -> targets.forEach((target, types) -> out.add(Finding.of(Severity.PRIVACY,
                region, grantee, String.join(", ", types) + " on " + target + " outside Sieve's roles"))));
        return out;
    }

    /** Whether a policy grant to the row's role includes the row: same access type, same or wider target. */
    private static boolean covered(List<Grant> expected, GrantRow row) {
        return expected.stream().anyMatch(g -> row.roleName().get().equals(g.role())
                && g.privileges().stream().map(GrantAudit::canonical).anyMatch(row.accessType()::equals)
                && g.database().equals(row.database())
                && (g.table().isEmpty() || g.table().equals(row.table())));
    }

    /** Whether the policy lets the row's role pass the row's privilege on (the sink's, for quarantines). */
    private static boolean passableOn(List<Grant> expected, GrantRow row) {
        return expected.stream().anyMatch(g -> g.withGrantOption() && row.roleName().get().equals(g.role())
                && g.privileges().stream().map(GrantAudit::canonical).anyMatch(row.accessType()::equals)
                && g.database().equals(row.database()) && g.table().equals(row.table()));
    }

    private static String hint(String target, SchemaOptions o, Set<String> rawTables) {
        if (target.startsWith("*.")) {
            return " (every database)";
        }
        if (target.equals(o.database() + ".*")) {
            return " (every table, raw purposes' included)";
        }
        String table = target.substring(target.indexOf('.') + 1).replaceFirst("\\(.*$", "");
        return target.startsWith(o.database() + ".") && rawTables.contains(table) ? " (a raw purpose's table)" : "";
    }

    private static boolean reachesSieveData(GrantRow row, String database) {
        boolean onSieve = row.database().isEmpty() || row.database().get().equals(database);
        String type = row.accessType();
        return onSieve && (DATA_ACCESS.contains(type) || type.startsWith("ALTER") || type.startsWith("DROP"));
    }

    /** The policy's grants a role that exists does not hold (fully: a partial revoke takes part of it away). */
    private static List<Finding> missing(List<Grant> expected, String region, Rows live) {
        List<Finding> out = new ArrayList<>();
        for (Grant g : expected) {
            if (!live.roles().contains(g.role())) {
                continue; // reported as a missing role
            }
            List<String> lacking = g.privileges().stream().map(GrantAudit::canonical)
                    .filter(type -> !held(g, type, live.grants())).toList();
            if (!lacking.isEmpty()) {
                out.add(Finding.of(Severity.ERROR, region, "role " + g.role(), "lacks " + String.join(", ", lacking)
                        + (g.withGrantOption() ? " WITH GRANT OPTION" : "") + " on " + g.target()
                        + ", which the policy grants" + (g.withGrantOption()
                                ? " (a quarantine cannot take the readers' grants away)" : "")));
            }
        }
        return out;
    }

    /**
     * Per quarantined purpose: each reader's grant on its tables still held (privacy drift), or a note that none is.
     */
    private static List<Finding> notWithdrawn(TableCatalog catalog, SchemaOptions o, Set<String> quarantined,
            String region, Rows live) {
        List<Finding> out = new ArrayList<>();
        for (String purpose : new TreeSet<>(quarantined)) {
            List<Finding> still = new ArrayList<>();
            for (Grant g : Grants.readers(catalog, o, purpose)) {
                List<String> held = g.privileges().stream().map(GrantAudit::canonical)
                        .filter(type -> held(g, type, live.grants())).toList();
                if (!held.isEmpty()) {
                    still.add(Finding.of(Severity.PRIVACY, region, "role " + g.role(), String.join(", ", held)
                            + " on " + g.target() + " although its purpose is quarantined: the grant was not revoked"));
                }
            }
            out.addAll(still.isEmpty() ? List.of(Finding.of(Severity.NOTE, region, "purpose " + purpose,
                    "quarantined: its readers hold no grants on its tables")) : still);
        }
        return out;
    }

    private static boolean held(Grant g, String type, List<GrantRow> rows) {
        Optional<String> role = Optional.of(g.role());
        boolean granted = rows.stream().anyMatch(r -> r.roleName().equals(role) && r.accessType().equals(type)
                && !r.isPartialRevoke() && r.column().isEmpty() && includes(r, g)
                && (!g.withGrantOption() || r.grantOption()));
        boolean revoked = rows.stream().anyMatch(r -> r.roleName().equals(role) && r.accessType().equals(type)
                && r.isPartialRevoke() && (g.database().isEmpty() || g.database().equals(r.database()))
                && (g.table().isEmpty() || r.table().isEmpty() || g.table().equals(r.table())));
        return granted && !revoked;
    }

    /** Whether the row's target includes the grant's. */
    private static boolean includes(GrantRow r, Grant g) {
        return r.database().isEmpty()
                || r.database().equals(g.database()) && (r.table().isEmpty() || r.table().equals(g.table()));
    }

    private static List<Finding> roleGrants(String sinkUser, String region, List<RoleGrantRow> rows) {
        List<Finding> out = new ArrayList<>();
        for (RoleGrantRow r : rows) {
            if (r.roleName().filter(Grants.ROLES::contains).isPresent()) {
                out.add(Finding.of(Severity.PRIVACY, region, r.grantee(), "inherits role " + r.grantedRoleName()
                        + ": privileges beyond the policy's grants"));
            }
            if (Grants.ROLES.contains(r.grantedRoleName()) && r.withAdminOption()) {
                out.add(Finding.of(Severity.PRIVACY, region, r.grantee(), "holds " + r.grantedRoleName()
                        + " WITH ADMIN OPTION: it can grant the role to anyone"));
            }
            if (r.grantedRoleName().equals(Grants.ADMIN) && !r.userName().equals(Optional.of(sinkUser))) {
                out.add(Finding.of(Severity.PRIVACY, region, r.grantee(), "holds " + Grants.ADMIN + ", the sink's"
                        + " control role (reads, alters and deletes every table): only the sink's user " + sinkUser
                        + " should"));
            }
        }
        return out;
    }

    /** Users who reach Sieve's data, through a role or directly, and can log in without a password. */
    private static List<Finding> withoutPassword(SchemaOptions o, String region, Rows live) {
        Set<String> reaching = new HashSet<>();
        live.roleGrants().stream().filter(r -> Grants.ROLES.contains(r.grantedRoleName()))
                .forEach(r -> r.userName().ifPresent(reaching::add));
        live.grants().stream().filter(r -> !r.isPartialRevoke() && reachesSieveData(r, o.database()))
                .forEach(r -> r.userName().ifPresent(reaching::add));
        List<Finding> out = new ArrayList<>();
        for (UserRow u : live.users()) {
            if (reaching.contains(u.name()) && u.authTypes().contains("no_password")) {
                out.add(Finding.of(Severity.PRIVACY, region, "user " + u.name(), "can log in without a password and"
                        + " reaches Sieve's data"));
            }
        }
        return out;
    }
}
