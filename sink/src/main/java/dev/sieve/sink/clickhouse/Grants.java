package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ClickHouse roles and grants from the policy (policy 7.3, "strictly limit who has access"):
 *
 * <ul>
 *   <li>{@value #ANALYST}: reads the tables of purposes that never see raw identifiers, nothing else;</li>
 *   <li>{@value #SECURITY}: reads the security purpose's tables;</li>
 *   <li>{@value #WRITER}: the sink's streaming user: {@code INSERT} into purpose tables, nothing else;</li>
 *   <li>{@value #ADMIN}: what migrations, retention changes, holds, erasure (deletes, peer redaction) and sunset
 *       (deletes, updates) need, for the sink's control user; kept apart so a leaked writer credential can
 *       neither read nor delete. It may pass on {@code SELECT} on exactly the tables readers read
 *       ({@code WITH GRANT OPTION}): quarantining a purpose revokes its readers' grants, releasing it gives them
 *       back ({@link #revokeReaders}, {@link #grantReaders}).</li>
 * </ul>
 *
 * Users are deployment-specific: create them and {@code GRANT <role> TO <user>}. {@link #grants} is the whole
 * of what the roles may do, so an audit can hold the live grants against it.
 */
public final class Grants {

    public static final String ANALYST = "sieve_analyst";
    public static final String SECURITY = "sieve_security";
    public static final String WRITER = "sieve_sink_writer";
    public static final String ADMIN = "sieve_sink_admin";
    /** Every role Sieve defines. */
    public static final List<String> ROLES = List.of(ANALYST, SECURITY, WRITER, ADMIN);
    /** The purpose whose tables the security role reads (policy 2.4). */
    public static final String SECURITY_PURPOSE = "security";

    /**
     * One {@code GRANT}: privileges, as ClickHouse spells them in {@code GRANT}, on a target, to a role.
     *
     * @param database the database; empty for every database ({@code *.*})
     * @param table    the table; empty for every table of the database
     */
    public record Grant(List<String> privileges, Optional<String> database, Optional<String> table, String role,
            boolean withGrantOption) {

        public Grant {
            privileges = List.copyOf(privileges);
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(role, "role");
        }

        public Grant(List<String> privileges, Optional<String> database, Optional<String> table, String role) {
            this(privileges, database, table, role, false);
        }

        /** {@code db.table}, {@code db.*} or {@code *.*}. */
        public String target() {
            return database.orElse("*") + "." + table.orElse("*");
        }

        String sql(SchemaOptions o) {
            return "GRANT" + o.onCluster() + " " + String.join(", ", privileges) + " ON " + target() + " TO " + role
                    + (withGrantOption ? " WITH GRANT OPTION" : "");
        }

        String revokeSql(SchemaOptions o) {
            return "REVOKE" + o.onCluster() + " " + String.join(", ", privileges) + " ON " + target() + " FROM " + role;
        }
    }

    private Grants() {}

    public static List<String> statements(TableCatalog catalog, SchemaOptions o) {
        List<String> out = new ArrayList<>();
        for (String role : ROLES) {
            out.add("CREATE ROLE IF NOT EXISTS " + role + o.onCluster());
        }
        for (Grant g : grants(catalog, o)) {
            out.add(g.sql(o));
        }
        return out;
    }

    /** Every grant {@link #statements} issues, in the same order. */
    public static List<Grant> grants(TableCatalog catalog, SchemaOptions o) {
        Optional<String> db = Optional.of(o.database());
        List<Grant> out = new ArrayList<>();
        for (TableLayout t : catalog.tables()) {
            for (String table : tableAndStorage(t, o)) {
                List<Grant> readers = readers(t, table, o);
                out.addAll(readers);
                if (!readers.isEmpty()) {
                    out.add(new Grant(List.of("SELECT"), db, Optional.of(table), ADMIN, true));
                }
                out.add(new Grant(List.of("INSERT"), db, Optional.of(table), WRITER));
            }
        }
        out.add(new Grant(List.of("SELECT", "INSERT", "CREATE DATABASE", "CREATE TABLE", "ALTER ADD COLUMN",
                "ALTER ADD CONSTRAINT", "ALTER MODIFY TTL", "ALTER MATERIALIZE TTL", "ALTER DELETE", "ALTER UPDATE"),
                db, Optional.empty(), ADMIN));
        // Retention changes read the current TTL from system.tables, sunset the key columns from system.columns;
        // they only show tables the role can see.
        out.add(new Grant(List.of("SELECT"), Optional.of("system"), Optional.of("tables"), ADMIN));
        out.add(new Grant(List.of("SELECT"), Optional.of("system"), Optional.of("columns"), ADMIN));
        if (o.cluster().isPresent()) {
            out.add(new Grant(List.of("CLUSTER"), Optional.empty(), Optional.empty(), ADMIN));
        }
        return out;
    }

    /** The {@code REVOKE}s that take the purpose's readers' (analysts', the security team's) grants away. */
    public static List<String> revokeReaders(TableCatalog catalog, SchemaOptions o, String purpose) {
        return readers(catalog, o, purpose).stream().map(g -> g.revokeSql(o)).toList();
    }

    /** The {@code GRANT}s that give the purpose's readers back what the policy grants them. */
    public static List<String> grantReaders(TableCatalog catalog, SchemaOptions o, String purpose) {
        return readers(catalog, o, purpose).stream().map(g -> g.sql(o)).toList();
    }

    /** Every grant of a reader role on a table of the purpose, as {@link #grants} makes it. */
    public static List<Grant> readers(TableCatalog catalog, SchemaOptions o, String purpose) {
        List<Grant> out = new ArrayList<>();
        for (TableLayout t : catalog.tables()) {
            if (t.purpose().id().equals(purpose)) {
                for (String table : tableAndStorage(t, o)) {
                    out.addAll(readers(t, table, o));
                }
            }
        }
        return out;
    }

    private static List<Grant> readers(TableLayout t, String table, SchemaOptions o) {
        Optional<String> db = Optional.of(o.database());
        List<Grant> out = new ArrayList<>();
        if (!t.holdsRawIdentifiers()) {
            out.add(new Grant(List.of("SELECT"), db, Optional.of(table), ANALYST));
        }
        if (t.purpose().id().equals(SECURITY_PURPOSE)) {
            out.add(new Grant(List.of("SELECT"), db, Optional.of(table), SECURITY));
        }
        return out;
    }

    /** In cluster mode a reader of the Distributed table also needs the local table it reads from. */
    private static List<String> tableAndStorage(TableLayout t, SchemaOptions o) {
        String storage = o.storageName(t.name());
        return storage.equals(t.name()) ? List.of(t.name()) : List.of(t.name(), storage);
    }
}
