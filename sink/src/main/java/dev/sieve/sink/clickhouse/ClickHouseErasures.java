package dev.sieve.sink.clickhouse;

import dev.sieve.sink.store.ErasureEvent;
import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.store.ErasureStore;
import dev.sieve.sink.store.ErasureTask;
import dev.sieve.sink.subject.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Erasure state in {@link SinkTables#ERASURE_PENDING} and {@link SinkTables#ERASURE_AUDIT}, each row under its
 * region ({@link SinkTables#ofRegion}): two regions may share one server, and each reads back its own.
 */
final class ClickHouseErasures implements ErasureStore {

    private static final List<String> PENDING_COLUMNS = List.of("request_id", "region", "kind", "subject_id",
            "device_id", "requested_by", "requested_at", "due_at");

    private final String region;
    private final ClickHouseGateway ch;
    private final SchemaOptions options;

    ClickHouseErasures(String region, ClickHouseGateway ch, SchemaOptions options) {
        this.region = region;
        this.ch = ch;
        this.options = options;
    }

    /** The subject's raw identifiers go in as insert data, never as statement text ({@link SubjectLookup}). */
    @Override
    public void pend(ErasureTask task, Pending why, Instant dueAt) {
        ch.insert(Tsv.insert(options.qualified(SinkTables.ERASURE_PENDING), PENDING_COLUMNS, List.of(
                Arrays.asList(task.requestId(), region, kind(why), task.subject().subjectId().orElse(null),
                        task.subject().deviceId().orElse(null), task.requestedBy(),
                        Tsv.time(task.requestedAt()), Tsv.time(dueAt)))));
    }

    @Override
    public List<ErasureTask> pending(Pending why, Optional<Instant> dueBy) {
        List<ErasureTask> tasks = new ArrayList<>();
        for (List<String> r : Tsv.parse(ch.query("SELECT request_id, subject_id, device_id, requested_by,"
                + " toUnixTimestamp64Milli(requested_at) FROM " + options.qualified(SinkTables.ERASURE_PENDING)
                + " WHERE kind = " + SqlLiteral.string(kind(why)) + " AND " + SinkTables.ofRegion(region)
                + dueBy.map(t -> " AND due_at <= " + SqlLiteral.time(t)).orElse(""), "TSV"))) {
            tasks.add(new ErasureTask(r.get(0), new Subject(Optional.ofNullable(r.get(1)),
                    Optional.ofNullable(r.get(2))), r.get(3), Instant.ofEpochMilli(Long.parseLong(r.get(4)))));
        }
        return tasks;
    }

    @Override
    public boolean isPending(String requestId) {
        return !ch.query("SELECT 1 FROM " + options.qualified(SinkTables.ERASURE_PENDING)
                + " WHERE request_id = " + SqlLiteral.string(requestId) + " AND " + SinkTables.ofRegion(region)
                + " LIMIT 1", "TSV").isBlank();
    }

    @Override
    public void unpend(String requestId) {
        ch.execute("ALTER TABLE " + options.qualified(SinkTables.ERASURE_PENDING) + options.onCluster()
                + " DELETE WHERE request_id = " + SqlLiteral.string(requestId) + " AND "
                + SinkTables.ofRegion(region) + " SETTINGS mutations_sync = 2");
    }

    @Override
    public void record(ErasureEvent e) {
        ErasureTask t = e.task();
        ch.execute("INSERT INTO " + options.qualified(SinkTables.ERASURE_AUDIT)
                + " (request_id, region, event, requested_by, requested_at, at, tables, rows_deleted, detail) VALUES ("
                + SqlLiteral.string(t.requestId()) + ", " + SqlLiteral.string(region) + ", "
                + SqlLiteral.string(e.event()) + ", "
                + SqlLiteral.string(t.requestedBy()) + ", " + SqlLiteral.time(t.requestedAt()) + ", "
                + SqlLiteral.time(e.at()) + ", " + SqlLiteral.array(e.tables()) + ", " + e.rowsDeleted() + ", "
                + SqlLiteral.string(e.detail()) + ")");
    }

    @Override
    public Optional<ErasureState> latest(String requestId) {
        List<List<String>> rows = Tsv.parse(ch.query("SELECT event, toUnixTimestamp64Milli(at),"
                + " arrayStringConcat(tables, ','), rows_deleted FROM " + options.qualified(SinkTables.ERASURE_AUDIT)
                + " WHERE request_id = " + SqlLiteral.string(requestId) + " AND " + SinkTables.ofRegion(region)
                + " ORDER BY at DESC, event = 'completed' DESC LIMIT 1", "TSV"));
        return rows.stream().findFirst().map(r -> new ErasureState(r.get(0),
                Instant.ofEpochMilli(Long.parseLong(r.get(1))),
                r.get(2).isEmpty() ? List.of() : List.of(r.get(2).split(",")), Long.parseLong(r.get(3))));
    }

    /** The {@code kind} column's word: {@code deferred}, {@code sweep}. */
    private static String kind(Pending why) {
        return why.name().toLowerCase(Locale.ROOT);
    }
}
