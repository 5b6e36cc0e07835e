package dev.sieve.sink.clickhouse.audit;

import dev.sieve.schemas.policy.KAnonymity;
import dev.sieve.schemas.policy.QuasiIdentifiers;
import dev.sieve.sink.audit.KAnonymityMeasure;
import dev.sieve.sink.audit.Unchecked;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.RetentionTtl;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.Tsv;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Measures the k-anonymity of every table of a non-raw purpose in one region, one statement per table
 * ({@link KAnonymityQuery}). Tables with raw identifiers are left out: they identify people outright.
 *
 * <p>The window is the rows the TTL still keeps: those whose retention time ({@link RetentionTtl#rowTime}) lies
 * within the policy's retention, or within the live TTL when ops have shortened it. Rows past it are only waiting
 * for a merge to delete them.
 */
final class KAnonymityAudit {

    private KAnonymityAudit() {}

    /**
     * @param live      the region's tables; a table or column missing there is left unmeasured (the table audit
     *                  reports it), said in {@code unchecked}
     */
    static List<KAnonymityMeasure> measure(TableCatalog catalog, KAnonymity policy, SchemaOptions o, String region,
            List<LiveTable> live, ClickHouseGateway ch, List<Unchecked> unchecked) {
        Map<String, LiveTable> byName = live.stream().collect(Collectors.toMap(LiveTable::name, Function.identity()));
        List<KAnonymityMeasure> out = new ArrayList<>();
        for (TableLayout t : catalog.tables()) {
            if (t.holdsRawIdentifiers()) {
                continue;
            }
            String object = o.qualified(t.name());
            List<String> columns = columns(t);
            int minK = policy.minK(t.purpose().id());
            LiveTable table = byName.get(t.name());
            LiveTable storage = byName.get(o.storageName(t.name()));
            List<String> needed = new ArrayList<>(columns);
            needed.add(t.timeColumn().name());
            needed.add(TableLayout.INGESTED_AT);
            if (table == null || storage == null || needed.stream().anyMatch(c -> table.column(c).isEmpty())) {
                unchecked.add(new Unchecked(region, "k-anonymity of " + object, "the table or one of its columns"
                        + " is missing"));
                continue;
            }
            Duration window = window(t, storage);
            if (columns.isEmpty()) {
                out.add(new KAnonymityMeasure(region, object, columns, minK, window, Optional.empty()));
                continue;
            }
            String sql = KAnonymityQuery.sql(object, columns, RetentionTtl.rowTime(t), window, minK);
            out.add(new KAnonymityMeasure(region, object, columns, minK, window,
                    KAnonymityQuery.parse(columns, Tsv.parse(ch.query(sql, "TSV")))));
        }
        return out;
    }

    /** The table's columns that hold the quasi-identifiers the policy keeps for it. */
    static List<String> columns(TableLayout t) {
        List<String> fields = QuasiIdentifiers.of(t.purpose().family(t.family()).orElseThrow());
        return t.columns().stream().filter(c -> c.field().filter(fields::contains).isPresent()).map(Column::name)
                .toList();
    }

    private static Duration window(TableLayout t, LiveTable storage) {
        return RetentionTtl.parse(storage.createTableQuery()).filter(live -> live.compareTo(t.retention()) < 0)
                .orElse(t.retention());
    }
}
