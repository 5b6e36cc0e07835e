package dev.sieve.sink.write;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries of transient ClickHouse errors: exponential backoff from {@code initialBackoff}, doubling up to
 * {@code maxBackoff}, at most {@code maxAttempts} attempts in all. After that the sink stops without
 * committing, so nothing is lost; an orchestrator restarts it.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** With the defaults, about 40 s of trying: well inside the consumer's 5 min max.poll.interval.ms. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    public static final RetryPolicy DEFAULTS =
            new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff
                    + " and " + maxBackoff);
        }
    }

    /** The pause after failed attempt {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
