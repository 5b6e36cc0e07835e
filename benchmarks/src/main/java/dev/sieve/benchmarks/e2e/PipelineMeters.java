package dev.sieve.benchmarks.e2e;

import dev.sieve.sink.metrics.SinkMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Reads the stages' own meters in this JVM: enrich, anonymize and the sink count into Micrometer's global
 * registry, which records nothing until a registry joins it. Reading counters costs the pipeline nothing, unlike
 * asking ClickHouse, whose one engine process is busy with the sink's inserts.
 *
 * <p>It also keeps every sink batch as it finishes ({@link Batch}): the sink stamps a batch's rows with
 * {@code _ingested_at} when the batch starts, and records {@value SinkMetrics#BATCH_LATENCY}, the batch's exact
 * duration (decode, encode and the inserts of every region), once ClickHouse has acknowledged the last of them. So
 * a row was certainly stored at its {@code _ingested_at} plus its batch's duration ({@link Landing}).
 */
public final class PipelineMeters implements AutoCloseable {

    /**
     * One sink batch of one table.
     *
     * @param recordedMillis epoch millisecond its duration was recorded: after its end, later by however long the
     *                       writer thread waited for a core in between
     * @param durationNanos  from its start (its rows' {@code _ingested_at}) until ClickHouse had acknowledged all
     * @param rows           rows ClickHouse acknowledged in it
     */
    public record Batch(String table, long recordedMillis, long durationNanos, long rows) {

        public long durationMillis() {
            return Math.round(durationNanos / 1e6);
        }

        /** Its start, at or (by the wait before recording) after its rows' stamp. */
        public long startEstimateMillis() {
            return recordedMillis - durationMillis();
        }
    }

    private final Registry registry = new Registry();

    private PipelineMeters() {}

    /** Joins the global registry; call before the pipeline starts, so no meter is made without it. */
    public static PipelineMeters install() {
        PipelineMeters meters = new PipelineMeters();
        Metrics.addRegistry(meters.registry);
        return meters;
    }

    /** Events enrich has passed on. */
    public long enriched() {
        return count(registry.find("sieve.enrich.records").tag("outcome", "enriched"));
    }

    /** Records anonymize has written to purpose topics. */
    public long purposeRecords() {
        return count(registry.find("sieve.anonymize.records").tag("outcome", "emitted"));
    }

    /** Rows ClickHouse has acknowledged to the sink. */
    public long rowsStored() {
        return registry.rowsStored();
    }

    /** Records any stage set aside: enrich and anonymize dead letters, the sink's dead letters. */
    public long deadLetters() {
        return count(registry.find("sieve.enrich.records").tag("outcome", "dead_lettered"))
                + count(registry.find("sieve.anonymize.records").tag("outcome", "dead_lettered"))
                + count(registry.find(SinkMetrics.DEAD_LETTERS));
    }

    /** Every sink batch finished so far, in the order they finished. */
    public List<Batch> batches() {
        synchronized (registry.batches) {
            return List.copyOf(registry.batches);
        }
    }

    private static long count(Search search) {
        return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
    }

    @Override
    public void close() {
        Metrics.removeRegistry(registry);
        registry.close();
    }

    /**
     * A simple registry whose sink batch timers also keep each batch. It keeps the sink's row counters apart too: a
     * search goes through every meter of the registry (the Kafka clients' included, thousands), which once per batch
     * cost the benchmark about 3 % of the pipeline's CPU.
     */
    private static final class Registry extends SimpleMeterRegistry {
        private final List<Batch> batches = new ArrayList<>();
        private final List<Counter> rowsInserted = new CopyOnWriteArrayList<>();
        private long storedBefore;

        @Override
        protected Counter newCounter(Meter.Id id) {
            Counter counter = super.newCounter(id);
            if (id.getName().equals(SinkMetrics.ROWS_INSERTED)) {
                rowsInserted.add(counter);
            }
            return counter;
        }

        long rowsStored() {
            return Math.round(rowsInserted.stream().mapToDouble(Counter::count).sum());
        }

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            if (!id.getName().equals(SinkMetrics.BATCH_LATENCY)) {
                return super.newTimer(id, config, pauseDetector);
            }
            String table = id.getTag("table");
            return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit(), false) {
                @Override
                protected void recordNonNegative(long amount, TimeUnit unit) {
                    super.recordNonNegative(amount, unit);
                    long now = System.currentTimeMillis();
                    // One writer thread counts a batch's rows and then records its duration, batch after batch:
                    // the rows counted since the previous batch are this batch's.
                    long stored = rowsStored();
                    synchronized (batches) {
                        batches.add(new Batch(table, now, unit.toNanos(amount), stored - storedBefore));
                        storedBefore = stored;
                    }
                }
            };
        }
    }
}
