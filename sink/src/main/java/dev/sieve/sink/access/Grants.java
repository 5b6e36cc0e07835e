package dev.sieve.sink.access;

import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse roles and grants from the policy (policy 7.3, "strictly limit who has access"):
 *
 * <ul>
 *   <li>{@value #ANALYST}: reads the tables of purposes that never see raw identifiers, nothing else;</li>
 *   <li>{@value #SECURITY}: reads the security purpose's tables;</li>
 *   <li>{@value #WRITER}: the sink's streaming user: {@code INSERT} into purpose tables, nothing else;</li>
 *   <li>{@value #ADMIN}: what migrations, retention changes, holds and erasure need, for the sink's control
 *       user; kept apart so a leaked writer credential can neither read nor delete.</li>
 * </ul>
 *
 * Users are deployment-specific: create them and {@code GRANT <role> TO <user>}.
 */
public final class Grants {

    public static final String ANALYST = "sieve_analyst";
    public static final String SECURITY = "sieve_security";
    public static final String WRITER = "sieve_sink_writer";
    public static final String ADMIN = "sieve_sink_admin";
    /** The purpose whose tables the security role reads (policy 2.4). */
    public static final String SECURITY_PURPOSE = "security";

    private Grants() {}

    public static List<String> statements(TableCatalog catalog, SchemaOptions o) {
        String on = o.onCluster();
        List<String> out = new ArrayList<>();
        for (String role : List.of(ANALYST, SECURITY, WRITER, ADMIN)) {
            out.add("CREATE ROLE IF NOT EXISTS " + role + on);
        }
        for (TableLayout t : catalog.tables()) {
            for (String table : tableAndStorage(t, o)) {
                if (!t.holdsRawIdentifiers()) {
                    out.add("GRANT" + on + " SELECT ON " + table + " TO " + ANALYST);
                }
                if (t.purpose().id().equals(SECURITY_PURPOSE)) {
                    out.add("GRANT" + on + " SELECT ON " + table + " TO " + SECURITY);
                }
                out.add("GRANT" + on + " INSERT ON " + table + " TO " + WRITER);
            }
        }
        out.add("GRANT" + on + " SELECT, INSERT, CREATE DATABASE, CREATE TABLE, ALTER ADD COLUMN, ALTER ADD CONSTRAINT,"
                + " ALTER MODIFY TTL, ALTER MATERIALIZE TTL, ALTER DELETE ON " + o.database() + ".* TO " + ADMIN);
        // Retention changes read the current TTL from system.tables; it only shows tables the role can see.
        out.add("GRANT" + on + " SELECT ON system.tables TO " + ADMIN);
        if (o.cluster().isPresent()) {
            out.add("GRANT" + on + " CLUSTER ON *.* TO " + ADMIN);
        }
        return out;
    }

    /** In cluster mode a reader of the Distributed table also needs the local table it reads from. */
    private static List<String> tableAndStorage(TableLayout t, SchemaOptions o) {
        String q = o.qualified(t.name());
        String s = o.storage(t.name());
        return q.equals(s) ? List.of(q) : List.of(q, s);
    }

}
