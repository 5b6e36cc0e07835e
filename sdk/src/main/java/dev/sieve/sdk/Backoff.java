package dev.sieve.sdk;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The wait before a retry under a {@link RetryPolicy}: exponential backoff with full jitter (a uniformly random
 * wait between zero and the bound, so clients that failed together do not retry together), no shorter than
 * the server's {@code Retry-After}, no longer than the policy's maximum.
 */
final class Backoff {

    private final RetryPolicy policy;
    private final DoubleSupplier random;

    /**
     * @param random uniform numbers in [0, 1); injected so tests can pin the jitter
     */
    Backoff(RetryPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * @param failedAttempts attempts made so far, at least 1
     * @param retryAfter     what the server asked for, if anything
     */
    Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
        double maxMillis = policy.maxBackoff().toMillis();
        double bound = policy.backoff(failedAttempts).toNanos() / 1e6;
        long jittered = (long) (random.getAsDouble() * bound);
        long floor = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis((long) Math.min(maxMillis, Math.max(jittered, floor)));
    }
}
