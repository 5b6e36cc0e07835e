package dev.sieve.sink.clickhouse.audit;

import dev.sieve.sink.clickhouse.Grants.Grant;
import dev.sieve.sink.clickhouse.Grants;
import dev.sieve.sink.clickhouse.HoldPredicate;
import dev.sieve.sink.clickhouse.RetentionTtl;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SinkTables;
import dev.sieve.sink.clickhouse.TableDdl;
import dev.sieve.sink.clickhouse.audit.LiveAccess.GrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.RoleGrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.UserRow;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The live state of a region's ClickHouse just brought to the policy (migrations, grants), shaped the way
 * ClickHouse reports it: single-line definitions, {@code toIntervalDay(N)}, bracketed AND operands, canonical
 * access types. Tests change it to make one drift each. {@code ClickHouseAuditIT} and the command line's
 * {@code AuditIT} check the same shapes against the real engine.
 */
final class MigratedState {

    static final String REGION = "cn-north";
    static final String SINK_USER = "sieve_sink";

    private MigratedState() {}

    /** Every purpose and sink table, single-server or cluster layout. */
    static List<LiveTable> tables(TableCatalog catalog, SchemaOptions o) {
        List<LiveTable> out = new ArrayList<>();
        for (TableLayout t : catalog.tables()) {
            out.add(purposeTable(t, o, o.storageName(t.name()), t.retention()));
            if (o.cluster().isPresent()) {
                out.add(new LiveTable(t.name(), "Distributed", Optional.empty(), "CREATE TABLE " + o.qualified(t.name())
                        + " (" + columnList(t) + ") ENGINE = Distributed(...)", columns(t)));
            }
        }
        for (String name : SinkTables.NAMES) {
            out.add(new LiveTable(name, "MergeTree", Optional.of(0L), "CREATE TABLE " + o.qualified(name)
                    + " (`x` String) ENGINE = MergeTree ORDER BY x", List.of(new LiveTable.Column("x", "String"))));
        }
        return out;
    }

    static LiveTable purposeTable(TableLayout t, SchemaOptions o, String name, Duration retention) {
        List<String> definition = new ArrayList<>();
        definition.add(columnList(t));
        for (Column c : t.columns()) {
            if (c.pseudonym()) {
                definition.add("CONSTRAINT " + TableDdl.constraintName(c) + " CHECK " + TableDdl.pseudonymCheck(c));
            }
        }
        List<String> holds = HoldPredicate.conditions(t, o);
        String where = holds.isEmpty() ? "" : " WHERE " + (holds.size() == 1 ? holds.get(0)
                : "(" + String.join(") AND (", holds) + ")");
        String interval = retention.toHours() % 24 == 0 ? "toIntervalDay(" + retention.toDays() + ")"
                : "toIntervalHour(" + retention.toHours() + ")";
        String query = "CREATE TABLE " + o.database() + "." + name + " (" + String.join(", ", definition)
                + ") ENGINE = MergeTree PARTITION BY toYYYYMM(" + t.timeColumn().name() + ") ORDER BY ("
                + String.join(", ", t.orderBy()) + ") TTL " + RetentionTtl.rowTime(t) + " + " + interval + where
                + " SETTINGS non_replicated_deduplication_window = 10000, index_granularity = 8192";
        return new LiveTable(name, "MergeTree", Optional.of(0L), query, columns(t));
    }

    /** The tables with one replaced: {@code change} gets the table of that name. */
    static List<LiveTable> with(List<LiveTable> tables, String name, UnaryOperator<LiveTable> change) {
        return tables.stream().map(t -> t.name().equals(name) ? change.apply(t) : t).toList();
    }

    static LiveTable withQuery(LiveTable t, String query) {
        return new LiveTable(t.name(), t.engine(), t.totalRows(), query, t.columns());
    }

    static LiveTable withColumns(LiveTable t, List<LiveTable.Column> columns) {
        return new LiveTable(t.name(), t.engine(), t.totalRows(), t.createTableQuery(), columns);
    }

    private static String columnList(TableLayout t) {
        return String.join(", ", t.columns().stream().map(c -> "`" + c.name() + "` " + c.sqlType()).toList());
    }

    private static List<LiveTable.Column> columns(TableLayout t) {
        return t.columns().stream().map(c -> new LiveTable.Column(c.name(), c.sqlType())).toList();
    }

    /** Sieve's roles with exactly the policy's grants; the sink's user holds the admin role, an analyst hers. */
    static LiveAccess.Rows access(TableCatalog catalog, SchemaOptions o) {
        List<GrantRow> grants = new ArrayList<>();
        for (Grant g : Grants.grants(catalog, o)) {
            for (String p : g.privileges()) {
                grants.add(new GrantRow(Optional.empty(), Optional.of(g.role()), GrantAudit.canonical(p), g.database(),
                        g.table(), Optional.empty(), false, g.withGrantOption()));
            }
        }
        return new LiveAccess.Rows(Grants.ROLES, grants, List.of(
                new RoleGrantRow(Optional.of(SINK_USER), Optional.empty(), Grants.ADMIN, false),
                new RoleGrantRow(Optional.of(SINK_USER), Optional.empty(), Grants.WRITER, false),
                new RoleGrantRow(Optional.of("ana"), Optional.empty(), Grants.ANALYST, false)), List.of(
                new UserRow(SINK_USER, List.of("sha256_password")), new UserRow("ana", List.of("sha256_password"))));
    }

    static GrantRow roleGrant(String role, String type, Optional<String> database, Optional<String> table) {
        return new GrantRow(Optional.empty(), Optional.of(role), type, database, table, Optional.empty(), false, false);
    }
}
