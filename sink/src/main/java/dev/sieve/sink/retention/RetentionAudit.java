package dev.sieve.sink.retention;

import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SinkTables;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.ddl.Tsv;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.write.RegionEndpoints;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@link RetentionChanger} recorded in {@link SinkTables#RETENTION_AUDIT}, region by region: the latest
 * change of a table, or what became of one published change.
 */
public final class RetentionAudit {

    /**
     * One audit row.
     *
     * @param outcome          {@code applied} or {@code rejected}
     * @param oldRetention     the table's retention before ({@code 180d}, {@code unknown}); empty when rejected
     * @param newRetention     the retention asked for ({@code 10d})
     * @param topicRetentionMs the purpose topic's new {@code retention.ms}, when applied
     * @param changedBy        who asked
     * @param changedAt        when they asked (the change record's time)
     * @param recordedAt       when the sink recorded it
     * @param detail           the reason given, or why it was rejected
     */
    public record Entry(String table, String outcome, String oldRetention, String newRetention,
            Optional<Long> topicRetentionMs, String changedBy, Instant changedAt, Instant recordedAt, String detail) {}

    private static final String COLUMNS = "table_name, outcome, old_retention, new_retention, topic_retention_ms,"
            + " changed_by, toUnixTimestamp64Milli(changed_at), toUnixTimestamp64Milli(recorded_at), detail";

    private final SchemaOptions options;
    private final RegionEndpoints endpoints;

    public RetentionAudit(SchemaOptions options, RegionEndpoints endpoints) {
        this.options = options;
        this.endpoints = endpoints;
    }

    /** By region: the table's most recently recorded change, applied or rejected; empty where there is none. */
    public Map<String, Optional<Entry>> latest(String table) {
        return query("table_name = " + SqlLiteral.string(table));
    }

    /**
     * By region: what the sink recorded for this change (matched by table, author and time of the request);
     * empty where it has not been read yet.
     */
    public Map<String, Optional<Entry>> of(RetentionChange change) {
        return query("table_name = " + SqlLiteral.string(change.getTable()) + " AND changed_by = "
                + SqlLiteral.string(change.getChangedBy()) + " AND changed_at = " + SqlLiteral.time(change.getChangedAt()));
    }

    private Map<String, Optional<Entry>> query(String where) {
        Map<String, Optional<Entry>> out = new LinkedHashMap<>();
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            List<List<String>> rows = Tsv.parse(e.getValue().query("SELECT " + COLUMNS + " FROM "
                    + options.qualified(SinkTables.RETENTION_AUDIT) + " WHERE " + where
                    + " ORDER BY recorded_at DESC LIMIT 1", "TSV"));
            out.put(e.getKey(), rows.stream().findFirst().map(r -> new Entry(r.get(0), r.get(1), r.get(2), r.get(3),
                    Optional.ofNullable(r.get(4)).map(Long::parseLong), r.get(5),
                    Instant.ofEpochMilli(Long.parseLong(r.get(6))), Instant.ofEpochMilli(Long.parseLong(r.get(7))),
                    r.get(8))));
        }
        return out;
    }
}
