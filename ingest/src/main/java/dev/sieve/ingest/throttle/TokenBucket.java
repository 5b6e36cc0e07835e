package dev.sieve.ingest.throttle;

import dev.sieve.ingest.config.Rate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One app's allowance: a token bucket holding up to {@code burst} tokens, refilled at {@code eventsPerSecond}
 * and full at the start. A request takes one token per event, all or none, so a batch is admitted or refused
 * whole. Thread-safe.
 *
 * <p>Tokens are counted in billionths, so a refill of any number of nanoseconds is exact and a wait the bucket
 * names is exactly long enough.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int burst;
    private final long perSecond;
    /** {@code burst} in billionths of a token: at most 2^31 * 10^9, well inside a long. */
    private final long capacity;
    private final LongSupplier nanoTime;
    private long level;
    private long refilledAt;

    /**
     * @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime}; injected so tests move time
     */
    public TokenBucket(Rate rate, LongSupplier nanoTime) {
        this.burst = rate.burst();
        this.perSecond = rate.eventsPerSecond();
        this.capacity = burst * NANOS_PER_SECOND;
        this.nanoTime = nanoTime;
        this.level = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Takes {@code events} tokens if the bucket has them.
     *
     * @return empty when taken; otherwise, having taken nothing, how long until the bucket will hold that many
     * @throws IllegalArgumentException if {@code events} is more than the bucket ever holds
     */
    public synchronized Optional<Duration> take(int events) {
        if (events > burst) {
            throw new IllegalArgumentException(events + " events can never pass a burst of " + burst);
        }
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        refilledAt = now;
        // One token per second per event of the rate is perSecond billionths per nanosecond.
        level = elapsed >= ceilDiv(capacity - level, perSecond) ? capacity : level + elapsed * perSecond;
        long needed = events * NANOS_PER_SECOND;
        if (level >= needed) {
            level -= needed;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(ceilDiv(needed - level, perSecond)));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
