package dev.sieve.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failed call is retried: up to {@link #maxAttempts()} attempts in all, waiting between them at most an
 * exponentially growing bound ({@link #backoff(int)}), never longer than {@link #maxBackoff()}. The client retries
 * a batch the collector could not take (HTTP 429, 5xx, network errors), waiting a random time between zero and
 * the bound ("full jitter") and never shorter than the collector's {@code Retry-After}. It is Sieve's one retry
 * policy: the sink retries transient ClickHouse errors under it too (waiting the bound whole), which is why it
 * lives in this dependency-free jar.
 */
public final class RetryPolicy {

    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
    }

    /** The defaults: 10 attempts, backoff from 500 ms doubling up to 30 s. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Attempts per batch, the first included; after the last the batch is dropped and counted. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Bound of the wait before the first retry. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** No wait is longer, whatever the growth or the collector's {@code Retry-After}. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Growth of the bound from one retry to the next. */
    public double multiplier() {
        return multiplier;
    }

    /**
     * The bound of the wait after failed attempt {@code failedAttempts} (1-based): {@link #initialBackoff()} times
     * {@link #multiplier()} to the power {@code failedAttempts - 1}, at most {@link #maxBackoff()}.
     *
     * @throws IllegalArgumentException if {@code failedAttempts} is below 1
     */
    public Duration backoff(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, got " + failedAttempts);
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, failedAttempts - 1);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * The longest time from the start of a batch's first attempt to the end of its last: every attempt taking
     * {@code attemptTimeout} and every wait {@link #maxBackoff()}. A batch whose answer was lost may reach Kafka
     * more than once within this span, so the pipeline's de-duplication window must cover it.
     *
     * @param attemptTimeout the most one attempt can take (connect and request timeouts)
     */
    public Duration longestRetrySpan(Duration attemptTimeout) {
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        return attemptTimeout.multipliedBy(maxAttempts).plus(maxBackoff.multipliedBy(maxAttempts - 1L));
    }

    /** Builds a {@link RetryPolicy}; each setter checks its argument. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;

        private Builder() {}

        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive(maxBackoff, "maxBackoff");
            return this;
        }

        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be a finite number of at least 1.0, got " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /**
         * @throws IllegalStateException if {@code maxBackoff} is shorter than {@code initialBackoff}
         */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalStateException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                        + initialBackoff + ")");
            }
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
