package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RetentionRecord;
import dev.sieve.sink.store.RetentionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Retention as each table's TTL ({@link RetentionTtl}), which carries the hold predicate, and its audit trail in
 * {@link SinkTables#RETENTION_AUDIT}.
 */
final class ClickHouseRetention implements RetentionStore {

    private static final String COLUMNS = "table_name, outcome, old_retention, new_retention, topic_retention_ms,"
            + " changed_by, toUnixTimestamp64Milli(changed_at), toUnixTimestamp64Milli(recorded_at), detail";

    private final ClickHouseGateway ch;
    private final SchemaOptions options;

    ClickHouseRetention(ClickHouseGateway ch, SchemaOptions options) {
        this.ch = ch;
        this.options = options;
    }

    /** Read from the storage table's stored definition ({@code system.tables.create_table_query}). */
    @Override
    public Optional<Duration> current(TableLayout table) {
        List<List<String>> rows = Tsv.parse(ch.query("SELECT create_table_query FROM system.tables WHERE database = "
                + SqlLiteral.string(options.database()) + " AND name = "
                + SqlLiteral.string(options.storageName(table.name())), "TSV"));
        return rows.isEmpty() ? Optional.empty() : RetentionTtl.parse(rows.get(0).get(0));
    }

    /** {@code ALTER TABLE ... MODIFY TTL}, which also re-evaluates existing parts. */
    @Override
    public void set(TableLayout table, Duration retention) {
        ch.execute("ALTER TABLE " + options.storage(table.name()) + options.onCluster() + " MODIFY TTL "
                + RetentionTtl.expression(table, retention, options));
    }

    /**
     * {@code MATERIALIZE TTL}: a TTL merge that kept rows for a hold records the part as having nothing left to
     * expire; without it the rows would outlive their retention until an unrelated merge happens to rewrite their
     * part (observed with ClickHouse 26.9).
     */
    @Override
    public void reapply(TableLayout table) {
        ch.execute("ALTER TABLE " + options.storage(table.name()) + options.onCluster()
                + " MATERIALIZE TTL SETTINGS mutations_sync = 2");
    }

    @Override
    public void record(RetentionRecord r) {
        ch.execute("INSERT INTO " + options.qualified(SinkTables.RETENTION_AUDIT) + " (table_name, outcome,"
                + " old_retention, new_retention, topic_retention_ms, changed_by, changed_at, recorded_at, detail)"
                + " VALUES (" + SqlLiteral.string(r.table()) + ", " + SqlLiteral.string(r.outcome()) + ", "
                + SqlLiteral.string(r.oldRetention()) + ", " + SqlLiteral.string(r.newRetention()) + ", "
                + r.topicRetentionMs().map(ms -> Long.toString(ms)).orElse("NULL") + ", "
                + SqlLiteral.string(r.changedBy()) + ", " + SqlLiteral.time(r.changedAt()) + ", "
                + SqlLiteral.time(r.recordedAt()) + ", " + SqlLiteral.string(r.detail()) + ")");
    }

    @Override
    public Optional<RetentionRecord> latest(String table) {
        return query("table_name = " + SqlLiteral.string(table));
    }

    @Override
    public Optional<RetentionRecord> of(String table, String changedBy, Instant changedAt) {
        return query("table_name = " + SqlLiteral.string(table) + " AND changed_by = " + SqlLiteral.string(changedBy)
                + " AND changed_at = " + SqlLiteral.time(changedAt));
    }

    private Optional<RetentionRecord> query(String where) {
        List<List<String>> rows = Tsv.parse(ch.query("SELECT " + COLUMNS + " FROM "
                + options.qualified(SinkTables.RETENTION_AUDIT) + " WHERE " + where
                + " ORDER BY recorded_at DESC LIMIT 1", "TSV"));
        return rows.stream().findFirst().map(r -> new RetentionRecord(r.get(0), r.get(1), r.get(2), r.get(3),
                Optional.ofNullable(r.get(4)).map(Long::parseLong), r.get(5),
                Instant.ofEpochMilli(Long.parseLong(r.get(6))), Instant.ofEpochMilli(Long.parseLong(r.get(7))),
                r.get(8)));
    }
}
