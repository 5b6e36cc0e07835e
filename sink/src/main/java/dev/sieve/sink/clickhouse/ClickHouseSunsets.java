package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.SunsetEvent;
import dev.sieve.sink.store.SunsetStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sunsets on ClickHouse. Every statement that changes rows carries {@link HoldPredicate}, so ClickHouse itself
 * leaves held rows alone, and runs with {@code mutations_sync = 2}: the parts are rewritten (the data is physically
 * gone) on every replica before it returns. {@code ALTER TABLE ... UPDATE} cannot change a column of the table's
 * sorting, primary, partition or sampling key, which {@link #keyColumns} reads from {@code system.columns}. The
 * audit trail is {@link SinkTables#SUNSET_AUDIT}.
 */
final class ClickHouseSunsets implements SunsetStore {

    private final ClickHouseGateway ch;
    private final SchemaOptions options;

    ClickHouseSunsets(ClickHouseGateway ch, SchemaOptions options) {
        this.ch = ch;
        this.options = options;
    }

    @Override
    public long count(TableLayout table, String app, boolean heldOnly) {
        Optional<String> notHeld = HoldPredicate.notHeld(table, options);
        if (heldOnly && notHeld.isEmpty()) {
            return 0;
        }
        String where = ofApp(app) + (heldOnly ? " AND NOT (" + notHeld.get() + ")" : "");
        return Long.parseLong(ch.query("SELECT count() FROM " + options.qualified(table.name()) + " WHERE " + where,
                "TSV").strip());
    }

    @Override
    public List<String> keyColumns(TableLayout table, List<Column> among) {
        Set<String> keys = new HashSet<>();
        for (List<String> row : Tsv.parse(ch.query("SELECT name FROM system.columns WHERE database = "
                + SqlLiteral.string(options.database()) + " AND table = "
                + SqlLiteral.string(options.storageName(table.name()))
                + " AND (is_in_partition_key OR is_in_sorting_key OR is_in_primary_key OR is_in_sampling_key)",
                "TSV"))) {
            keys.add(row.get(0));
        }
        return among.stream().map(Column::name).filter(keys::contains).toList();
    }

    @Override
    public void delete(TableLayout table, String app) {
        ch.execute("ALTER TABLE " + options.storage(table.name()) + options.onCluster() + " DELETE WHERE "
                + unheldOf(table, app) + " SETTINGS mutations_sync = 2");
    }

    /** Pseudonym columns' CHECK constraints bind inserts only; ClickHouse does not check them on an UPDATE. */
    @Override
    public void clear(TableLayout table, String app, List<Column> columns) {
        ch.execute("ALTER TABLE " + options.storage(table.name()) + options.onCluster() + " UPDATE "
                + assignments(columns) + " WHERE " + unheldOf(table, app) + " SETTINGS mutations_sync = 2");
    }

    /** A deployment migrated before the table existed gets it before the first row is written. */
    @Override
    public void record(SunsetEvent e) {
        if (e.event().equals("requested")) {
            ch.execute(SinkTables.sunsetAudit(options));
        }
        ch.execute("INSERT INTO " + options.qualified(SinkTables.SUNSET_AUDIT) + " (sunset_id, app_id, action, event,"
                + " table_name, rows_before, rows_changed, rows_held, detail, requested_by, reason, at) VALUES ("
                + SqlLiteral.string(e.sunsetId()) + ", " + SqlLiteral.string(e.app()) + ", "
                + SqlLiteral.string(e.action()) + ", " + SqlLiteral.string(e.event()) + ", "
                + SqlLiteral.string(e.table()) + ", " + e.before() + ", " + e.changed() + ", " + e.held() + ", "
                + SqlLiteral.string(e.detail()) + ", " + SqlLiteral.string(e.requestedBy()) + ", "
                + SqlLiteral.string(e.reason()) + ", " + SqlLiteral.time(e.at()) + ")");
    }

    /** {@code c = defaultValueOfArgumentType(c)} for each column, for {@code ALTER TABLE ... UPDATE}. */
    static String assignments(List<Column> columns) {
        return String.join(", ", columns.stream()
                .map(c -> c.name() + " = defaultValueOfArgumentType(" + c.name() + ")").toList());
    }

    private String unheldOf(TableLayout table, String app) {
        return ofApp(app) + HoldPredicate.notHeld(table, options).map(h -> " AND " + h).orElse("");
    }

    private static String ofApp(String app) {
        return "app_id = " + SqlLiteral.string(app);
    }
}
