package dev.sieve.sink.metrics;

import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sink.scan.StoredIdentifiers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The sink's meters. Every tag value comes from a closed vocabulary: table, column and region names from the policy,
 * reasons and outcomes from enums, recognizer names from the scrubber's. No identifier or row value ever becomes a tag.
 */
public final class SinkMetrics {

    public static final String ROWS_INSERTED = "sieve.sink.rows.inserted";
    public static final String BATCH_LATENCY = "sieve.sink.batch.latency";
    public static final String DEAD_LETTERS = "sieve.sink.dead.letters";
    public static final String INSERT_RETRIES = "sieve.sink.insert.retries";
    public static final String CONTROL = "sieve.sink.control";
    public static final String INSERTS_IN_FLIGHT = "sieve.sink.inserts.in.flight";
    public static final String SCAN_FOUND = "sieve.scan.identifiers.found";
    public static final String SCAN_FOUND_OVERALL = "sieve.scan.identifiers.found.overall";
    public static final String SCAN_LAST_SUCCESS = "sieve.scan.last.success.timestamp.seconds";
    public static final String SCAN_INTERVAL = "sieve.scan.interval.seconds";
    public static final String SCAN_FAILURES = "sieve.scan.failures";
    /** Prometheus {@code sieve_purpose_quarantined{purpose}}: 1 while the purpose is quarantined, else 0. */
    public static final String PURPOSE_QUARANTINED = "sieve.purpose.quarantined";

    /** What a control record led to: the {@code outcome} tag of {@link #CONTROL}. */
    public enum Outcome { APPLIED, REJECTED, DEFERRED, COMPLETED }

    /** Which control the {@code kind} tag of {@link #CONTROL} names. */
    public enum Control { RETENTION, ERASURE, HOLD, QUARANTINE }

    /** Where a scan found identifiers: the tags of {@link #SCAN_FOUND}. */
    private record FoundIn(String region, String table, String column, String recognizer) {}

    private final MeterRegistry registry;
    /** The last successful scan's count per region, table, column and recognizer any scan reported. */
    private final Map<FoundIn, AtomicLong> found = new ConcurrentHashMap<>();
    private final AtomicLong foundOverall = new AtomicLong();
    private final AtomicLong lastScanSuccess = new AtomicLong();

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics into a private registry, for tests and tools that do not export them. */
    public static SinkMetrics inMemory() {
        return new SinkMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void inserted(String table, String region, int rows) {
        Counter.builder(ROWS_INSERTED).description("Rows ClickHouse acknowledged")
                .tag("table", table).tag("region", region).register(registry).increment(rows);
    }

    public void batchLatency(String table, Duration latency) {
        Timer.builder(BATCH_LATENCY).description("Decode, encode and insert of one partition batch")
                .tag("table", table).register(registry).record(latency);
    }

    public void deadLettered(DeadLetterReason reason) {
        Counter.builder(DEAD_LETTERS).description("Records sent to sieve.dlq.sink")
                .tag("reason", reason.id()).register(registry).increment();
    }

    public void retried(String table) {
        Counter.builder(INSERT_RETRIES).description("Inserts retried after a transient error")
                .tag("table", table).register(registry).increment();
    }

    /** Inserts running now, at most {@code clickhouse.max-inserts-in-flight}. */
    public void insertsInFlight(AtomicInteger running) {
        Gauge.builder(INSERTS_IN_FLIGHT, running, AtomicInteger::get)
                .description("Store inserts running now").register(registry);
    }

    /** One gauge per purpose of the policy (a closed vocabulary), reading whether it is quarantined now. */
    public void purposeQuarantined(String purpose, BooleanSupplier quarantined) {
        // A Supplier is held strongly; a gauge over an object holds it weakly and would read NaN once collected.
        Gauge.builder(PURPOSE_QUARANTINED, () -> quarantined.getAsBoolean() ? 1 : 0)
                .description("1 while the purpose is quarantined: its records wait in Kafka, none is stored")
                .tag("purpose", purpose).register(registry);
    }

    public void control(Control control, Outcome outcome) {
        Counter.builder(CONTROL).description("Retention changes, holds, erasures and quarantines handled")
                .tag("kind", control.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }

    /**
     * The scheduled scan is on ({@code scan.interval}): its interval, and the time of its last success, which is the
     * scan's start until one succeeds, so a scan that never succeeds goes stale as one that stopped succeeding does.
     */
    public void scanScheduled(Duration interval, Instant start) {
        lastScanSuccess.set(start.getEpochSecond());
        // strong: a gauge holds its object weakly, and nothing else need keep this Duration
        Gauge.builder(SCAN_INTERVAL, interval, Duration::toSeconds).strongReference(true)
                .description("Seconds between the scheduled scans for identifiers in the stores").register(registry);
        Gauge.builder(SCAN_LAST_SUCCESS, lastScanSuccess, AtomicLong::get)
                .description("When the last scan for identifiers in the stores succeeded (the scan's start until one"
                        + " does), in seconds since the epoch").register(registry);
        Gauge.builder(SCAN_FOUND_OVERALL, foundOverall, AtomicLong::get)
                .description("Stored values holding an identifier, found by the last scan, over every table")
                .register(registry);
        scanFailures();
    }

    /**
     * A scan succeeded at {@code at}: a gauge per region, table, column and recognizer it found something for (names
     * only, never a value), and 0 where an earlier scan found something this one did not.
     */
    public void scanned(StoredIdentifiers.Result result, Instant at) {
        Set<FoundIn> now = new HashSet<>();
        for (StoredIdentifiers.Found f : result.found()) {
            FoundIn cell = new FoundIn(f.region(), f.table(), f.column(), f.recognizer());
            now.add(cell);
            found.computeIfAbsent(cell, this::foundGauge).set(f.count());
        }
        found.forEach((cell, count) -> {
            if (!now.contains(cell)) {
                count.set(0);
            }
        });
        foundOverall.set(result.total());
        lastScanSuccess.set(at.getEpochSecond());
    }

    public void scanFailed() {
        scanFailures().increment();
    }

    private Counter scanFailures() {
        return Counter.builder(SCAN_FAILURES).description("Scans for identifiers in the stores that failed")
                .register(registry);
    }

    private AtomicLong foundGauge(FoundIn cell) {
        AtomicLong count = new AtomicLong();
        Gauge.builder(SCAN_FOUND, count, AtomicLong::get)
                .description("Stored values holding an identifier a recognizer finds, by the last scan")
                .tag("region", cell.region()).tag("table", cell.table()).tag("column", cell.column())
                .tag("recognizer", cell.recognizer()).register(registry);
        return count;
    }
}
