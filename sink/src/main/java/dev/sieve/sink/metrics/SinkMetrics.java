package dev.sieve.sink.metrics;

import dev.sieve.schemas.topic.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The sink's meters. Every tag value comes from a closed vocabulary: table and region names from the policy,
 * reasons and outcomes from enums. No identifier or row value ever becomes a tag.
 */
public final class SinkMetrics {

    public static final String ROWS_INSERTED = "sieve.sink.rows.inserted";
    public static final String BATCH_LATENCY = "sieve.sink.batch.latency";
    public static final String DEAD_LETTERS = "sieve.sink.dead.letters";
    public static final String INSERT_RETRIES = "sieve.sink.insert.retries";
    public static final String CONTROL = "sieve.sink.control";
    public static final String INSERTS_IN_FLIGHT = "sieve.sink.inserts.in.flight";
    /** Prometheus {@code sieve_purpose_quarantined{purpose}}: 1 while the purpose is quarantined, else 0. */
    public static final String PURPOSE_QUARANTINED = "sieve.purpose.quarantined";

    /** What a control record led to: the {@code outcome} tag of {@link #CONTROL}. */
    public enum Outcome { APPLIED, REJECTED, DEFERRED, COMPLETED }

    /** Which control the {@code kind} tag of {@link #CONTROL} names. */
    public enum Control { RETENTION, ERASURE, HOLD, QUARANTINE }

    private final MeterRegistry registry;

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
}
