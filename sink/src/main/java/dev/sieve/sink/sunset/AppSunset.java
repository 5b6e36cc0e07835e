package dev.sieve.sink.sunset;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.SunsetEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The privacy policy's "when our products or services cease operations, we ... delete or anonymize your personal
 * information": removes one app's rows from every table of the policy in every region, or clears their
 * identifying values ({@link ClearedColumns}).
 *
 * <p>Legal holds are respected exactly as erasure respects them: the store leaves held rows alone
 * ({@link dev.sieve.sink.store.SunsetStore}); they are counted and reported. Each table is done, physically and on
 * every replica, before the next is started. A column that is part of a key of the table as it exists cannot be
 * cleared in place; a table where a column to clear is one has the app's rows deleted instead, and the report says
 * so. A table without an {@code app_id} column cannot tell the app's rows apart and is left unchanged, reported as
 * not handled.
 *
 * <p>Each region's audit trail records the request, one row per table and the completion; a dry run counts and
 * changes nothing, the audit included. Running a sunset again is harmless: a delete finds nothing left, a clear
 * writes the same empty values.
 */
public final class AppSunset {

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final Clock clock;

    public AppSunset(TableCatalog catalog, RegionStores stores, Clock clock) {
        this.catalog = catalog;
        this.stores = stores;
        this.clock = clock;
    }

    /** Sunsets the app in every region, table by table; with {@code dryRun} only counts. */
    public List<TableSunset> run(SunsetRequest request, boolean dryRun) {
        List<TableSunset> out = new ArrayList<>();
        for (Store store : stores.all().values()) {
            if (!dryRun) {
                audit(store, request, "requested", "", 0, 0, 0, "");
            }
            List<TableSunset> tables = new ArrayList<>();
            for (TableLayout t : catalog.tables()) {
                TableSunset result = table(store, t, request, dryRun);
                if (!dryRun) {
                    audit(store, request, result.handled() ? "table" : "not_handled", result.table(),
                            result.before(), result.changed(), result.held(), result.done());
                }
                tables.add(result);
            }
            if (!dryRun) {
                audit(store, request, "completed", "", tables.stream().mapToLong(TableSunset::before).sum(),
                        tables.stream().mapToLong(TableSunset::changed).sum(),
                        tables.stream().mapToLong(TableSunset::held).sum(), "");
            }
            out.addAll(tables);
        }
        return out;
    }

    /** What a table's rows of the app become. */
    private enum Change { DELETE, CLEAR, NONE }

    private TableSunset table(Store store, TableLayout t, SunsetRequest r, boolean dryRun) {
        if (t.column(TableLayout.APP_ID).isEmpty()) {
            return new TableSunset(store.region(), t.name(), 0, 0, 0, "not changed: no app_id column, the app's rows"
                    + " cannot be told apart", false);
        }
        long before = store.sunsets().count(t, r.app(), false);
        long held = store.sunsets().count(t, r.app(), true);
        List<Column> cleared = List.of();
        Change change;
        String done;
        if (r.mode() == SunsetMode.DELETE) {
            change = Change.DELETE;
            done = "deleted";
        } else {
            cleared = ClearedColumns.of(t);
            List<String> keyed = store.sunsets().keyColumns(t, cleared);
            if (!keyed.isEmpty()) {
                change = Change.DELETE;
                done = "deleted instead: " + String.join(", ", keyed) + " in the table's key, which ALTER UPDATE"
                        + " cannot change";
            } else if (cleared.isEmpty()) {
                change = Change.NONE;
                done = "nothing to clear: no identifying column";
            } else {
                change = Change.CLEAR;
                done = "anonymized: " + String.join(", ", cleared.stream().map(Column::name).toList());
            }
        }
        long changed = change == Change.NONE ? 0 : before - held;
        if (!dryRun && changed > 0) {
            if (change == Change.DELETE) {
                store.sunsets().delete(t, r.app());
            } else {
                store.sunsets().clear(t, r.app(), cleared);
            }
        }
        return new TableSunset(store.region(), t.name(), before, changed, held, done, true);
    }

    private void audit(Store store, SunsetRequest r, String event, String table, long before, long changed,
            long held, String detail) {
        store.sunsets().record(new SunsetEvent(r.sunsetId(), r.app(), r.mode().id(), event, table, before, changed,
                held, detail, r.by(), r.reason(), clock.instant()));
    }
}
