package dev.sieve.sink.write;

import java.time.Duration;
import java.util.Objects;

/**
 * When a partition's buffered records become a batch: whichever of rows, bytes or age is reached first.
 *
 * @param maxRows  rows per insert
 * @param maxBytes record bytes per insert (the Avro size; RowBinary is about as large)
 * @param maxAge   how long the oldest buffered record may wait
 */
public record BatchThresholds(int maxRows, long maxBytes, Duration maxAge) {

    /** ClickHouse prefers few large inserts: each insert makes a part per partition it touches. */
    public static final int DEFAULT_MAX_ROWS = 50_000;
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    /**
     * Bounds both the data's delay to analysts and the parts a quiet partition creates (one per table and region
     * every 300 ms at most). Short, so a row is queryable within a second of its event at the rates the
     * end-to-end benchmark offers (BENCHMARKS.md); a busy partition fills {@link #DEFAULT_MAX_ROWS} first anyway.
     * Where fewer, larger parts matter more than that delay, {@code batch.max-age-ms} raises it.
     */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMillis(300);

    public static final BatchThresholds DEFAULTS =
            new BatchThresholds(DEFAULT_MAX_ROWS, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);

    public BatchThresholds {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
        }
    }
}
