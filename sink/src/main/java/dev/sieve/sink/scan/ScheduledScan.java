package dev.sieve.sink.scan;

import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.store.StoreFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's canary for policy or scrubber regressions: {@link StoredIdentifiers} over every region's store once at
 * start and then {@code interval} after each scan ends, on a thread of its own, its findings in {@link SinkMetrics}.
 *
 * <p>Each run scans everything stored, not only the rows since the last run: the metric then says what the stores
 * hold now, so its alert clears only when the identifiers are gone (erased, expired or deleted), never because a
 * window moved on. A window on {@code _ingested_at} would also miss rows written around the pipeline with an old
 * time, and overlap anyway, since non-raw tables store that time to the hour.
 *
 * <p>The writer never waits for it: the scan reads through its own queries, a page of distinct values at a time
 * ({@code StoredValues}). A failed scan (the store unreachable, a query rejected) counts in
 * {@link SinkMetrics#SCAN_FAILURES}, is logged by the store's classification and error code or the exception's class,
 * never a message (a failed query's text could carry a stored value), and the next runs on schedule.
 */
public final class ScheduledScan implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledScan.class);

    private final StoredIdentifiers scan;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService executor;

    private ScheduledScan(StoredIdentifiers scan, SinkMetrics metrics, Clock clock, Duration interval) {
        this.scan = scan;
        this.metrics = metrics;
        this.clock = clock;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sieve-sink-scan");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts scanning now and then every {@code interval} after the last scan ended.
     *
     * @throws IllegalArgumentException unless the interval is positive
     */
    public static ScheduledScan start(StoredIdentifiers scan, SinkMetrics metrics, Clock clock, Duration interval) {
        ScheduledScan scheduled = unstarted(scan, metrics, clock, interval);
        scheduled.executor.scheduleWithFixedDelay(scheduled::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return scheduled;
    }

    /** The scan with its metrics registered, run only by {@link #runOnce()} (tests). */
    static ScheduledScan unstarted(StoredIdentifiers scan, SinkMetrics metrics, Clock clock, Duration interval) {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        metrics.scanScheduled(interval, clock.instant());
        return new ScheduledScan(scan, metrics, clock, interval);
    }

    /** One scan, its outcome in the metrics; never throws, so the schedule goes on. */
    void runOnce() {
        try {
            StoredIdentifiers.Result result = scan.scan();
            metrics.scanned(result, clock.instant());
            if (!result.found().isEmpty()) {
                LOG.warn("the scan found identifiers in {} stored values in {} places (by table, column and"
                        + " recognizer in sieve_scan_identifiers_found; sieve scan lists them)", result.total(),
                        result.found().size());
            }
        } catch (RuntimeException e) {
            metrics.scanFailed();
            LOG.warn("scanning the stores for identifiers failed ({}); the next scan runs in {}", why(e), interval);
        }
    }

    /** The store's classification and error code, or the exception's class: never its message. */
    private static String why(RuntimeException e) {
        return e instanceof StoreFailure f ? "store failure " + f.kind() + ", code " + f.code()
                : e.getClass().getName();
    }

    /** Stops the schedule, interrupting a scan that runs. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
