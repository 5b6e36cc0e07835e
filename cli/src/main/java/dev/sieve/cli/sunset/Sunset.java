package dev.sieve.cli.sunset;

import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.ClickHouseRegions;
import dev.sieve.sink.clickhouse.HoldPredicate;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SqlLiteral;
import dev.sieve.sink.clickhouse.Tsv;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The privacy policy's "when our products or services cease operations, we ... delete or anonymize your personal
 * information": removes one app's rows from every table of the policy in every region, or clears their
 * identifying values ({@link ClearedColumns}).
 *
 * <p>Legal holds are respected exactly as erasure respects them: every statement carries
 * {@link HoldPredicate}, so ClickHouse itself leaves held rows alone; they are counted and reported. Statements
 * run with {@code mutations_sync = 2}, so the parts are rewritten (the data is physically gone) on every replica
 * before the next table is started. {@code ALTER TABLE ... UPDATE} cannot change a column of the table's sorting,
 * primary, partition or sampling key (read from {@code system.columns} of the table as it exists); a table where a
 * column to clear is one of them has the app's rows deleted instead, and the report says so. A table without an
 * {@code app_id} column cannot tell the app's rows apart and is left unchanged, reported as not handled.
 *
 * <p>Each region's {@code sink_sunset_audit} records the request, one row per table and the completion; a dry run
 * counts and changes nothing, the audit included. Running a sunset again is harmless: a delete finds nothing
 * left, an update writes the same empty values.
 */
final class Sunset {

    private final TableCatalog catalog;
    private final SchemaOptions options;
    private final ClickHouseRegions endpoints;
    private final SunsetAudit audit;

    Sunset(TableCatalog catalog, SchemaOptions options, ClickHouseRegions endpoints, SunsetAudit audit) {
        this.catalog = catalog;
        this.options = options;
        this.endpoints = endpoints;
        this.audit = audit;
    }

    List<TableSunset> run(SunsetRequest request, boolean dryRun) {
        List<TableSunset> out = new ArrayList<>();
        for (Map.Entry<String, ClickHouseGateway> region : endpoints.all().entrySet()) {
            ClickHouseGateway ch = region.getValue();
            if (!dryRun) {
                audit.requested(ch, request);
            }
            List<TableSunset> tables = new ArrayList<>();
            for (TableLayout t : catalog.tables()) {
                TableSunset result = table(region.getKey(), ch, t, request, dryRun);
                if (!dryRun) {
                    audit.table(ch, request, result);
                }
                tables.add(result);
            }
            if (!dryRun) {
                audit.completed(ch, request, tables);
            }
            out.addAll(tables);
        }
        return out;
    }

    private TableSunset table(String region, ClickHouseGateway ch, TableLayout t, SunsetRequest r, boolean dryRun) {
        if (t.column("app_id").isEmpty()) {
            return new TableSunset(region, t.name(), 0, 0, 0, "not changed: no app_id column, the app's rows cannot"
                    + " be told apart", false);
        }
        String ofApp = "app_id = " + SqlLiteral.string(r.app());
        Optional<String> notHeld = HoldPredicate.notHeld(t, options);
        long before = count(ch, t, ofApp);
        long held = notHeld.isEmpty() ? 0 : count(ch, t, ofApp + " AND NOT (" + notHeld.get() + ")");
        String where = ofApp + notHeld.map(h -> " AND " + h).orElse("");
        String delete = "ALTER TABLE " + options.storage(t.name()) + options.onCluster() + " DELETE WHERE " + where
                + " SETTINGS mutations_sync = 2";
        String statement;
        String done;
        if (r.mode() == SunsetMode.DELETE) {
            statement = delete;
            done = "deleted";
        } else {
            List<Column> cleared = ClearedColumns.of(t);
            List<String> keyed = keyColumnsAmong(ch, t, cleared);
            if (!keyed.isEmpty()) {
                statement = delete;
                done = "deleted instead: " + String.join(", ", keyed) + " in the table's key, which ALTER UPDATE"
                        + " cannot change";
            } else if (cleared.isEmpty()) {
                statement = null;
                done = "nothing to clear: no identifying column";
            } else {
                statement = "ALTER TABLE " + options.storage(t.name()) + options.onCluster() + " UPDATE "
                        + ClearedColumns.assignments(cleared) + " WHERE " + where + " SETTINGS mutations_sync = 2";
                done = "anonymized: " + String.join(", ", cleared.stream().map(Column::name).toList());
            }
        }
        long changed = statement == null ? 0 : before - held;
        if (!dryRun && changed > 0) {
            ch.execute(statement);
        }
        return new TableSunset(region, t.name(), before, changed, held, done, true);
    }

    private long count(ClickHouseGateway ch, TableLayout t, String where) {
        return Long.parseLong(ch.query("SELECT count() FROM " + options.qualified(t.name()) + " WHERE " + where,
                "TSV").strip());
    }

    /** The columns among {@code cleared} that are part of a key of the table's storage, as it exists. */
    private List<String> keyColumnsAmong(ClickHouseGateway ch, TableLayout t, List<Column> cleared) {
        String storage = t.name() + (options.cluster().isPresent() ? SchemaOptions.LOCAL_SUFFIX : "");
        Set<String> keys = new HashSet<>();
        for (List<String> row : Tsv.parse(ch.query("SELECT name FROM system.columns WHERE database = "
                + SqlLiteral.string(options.database()) + " AND table = " + SqlLiteral.string(storage)
                + " AND (is_in_partition_key OR is_in_sorting_key OR is_in_primary_key OR is_in_sampling_key)",
                "TSV"))) {
            keys.add(row.get(0));
        }
        return cleared.stream().map(Column::name).filter(keys::contains).toList();
    }
}
