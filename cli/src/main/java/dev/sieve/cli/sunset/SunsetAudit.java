package dev.sieve.cli.sunset;

import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SinkTables;
import dev.sieve.sink.clickhouse.SqlLiteral;
import java.time.Clock;
import java.util.List;

/**
 * Writes {@link SinkTables#SUNSET_AUDIT} in a region: {@code requested} before anything changes, one row per
 * table, {@code completed} with the totals. A sunset that stopped half-way shows as requested and never completed.
 * The rows name the app, the tables, who and why, never a subject.
 */
final class SunsetAudit {

    private final SchemaOptions options;
    private final Clock clock;

    SunsetAudit(SchemaOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    void requested(ClickHouseGateway ch, SunsetRequest r) {
        ch.execute(SinkTables.sunsetAudit(options));
        insert(ch, r, "requested", "", 0, 0, 0, "");
    }

    void table(ClickHouseGateway ch, SunsetRequest r, TableSunset t) {
        insert(ch, r, t.handled() ? "table" : "not_handled", t.table(), t.before(), t.changed(), t.held(), t.done());
    }

    void completed(ClickHouseGateway ch, SunsetRequest r, List<TableSunset> tables) {
        insert(ch, r, "completed", "", tables.stream().mapToLong(TableSunset::before).sum(),
                tables.stream().mapToLong(TableSunset::changed).sum(),
                tables.stream().mapToLong(TableSunset::held).sum(), "");
    }

    private void insert(ClickHouseGateway ch, SunsetRequest r, String event, String table, long before, long changed,
            long held, String detail) {
        ch.execute("INSERT INTO " + options.qualified(SinkTables.SUNSET_AUDIT) + " (sunset_id, app_id, action, event,"
                + " table_name, rows_before, rows_changed, rows_held, detail, requested_by, reason, at) VALUES ("
                + SqlLiteral.string(r.sunsetId()) + ", " + SqlLiteral.string(r.app()) + ", "
                + SqlLiteral.string(r.mode().id()) + ", " + SqlLiteral.string(event) + ", " + SqlLiteral.string(table)
                + ", " + before + ", " + changed + ", " + held + ", " + SqlLiteral.string(detail) + ", "
                + SqlLiteral.string(r.by()) + ", " + SqlLiteral.string(r.reason()) + ", "
                + SqlLiteral.time(clock.instant()) + ")");
    }
}
