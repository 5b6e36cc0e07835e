package dev.sieve.ingest.config;

/**
 * How many events an app may send to one collector: {@code eventsPerSecond} on average, and up to {@code burst}
 * at once after a quiet spell. Beyond it, requests are answered 429 with {@code Retry-After}.
 *
 * @param eventsPerSecond the sustained rate, events (or OTLP log records) per second
 * @param burst           the most events taken at once; at least {@code limits.max-events-per-batch}, or a full
 *                        batch could never pass
 */
public record Rate(int eventsPerSecond, int burst) {

    public static final int DEFAULT_EVENTS_PER_SECOND = 2_000;
    /** Twenty full batches of the default size: a fleet of clients catching up after an outage. */
    public static final int DEFAULT_BURST = 10_000;

    public Rate {
        if (eventsPerSecond < 1) {
            throw new IllegalArgumentException("eventsPerSecond must be at least 1, got " + eventsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
    }

    public static Rate defaults() {
        return new Rate(DEFAULT_EVENTS_PER_SECOND, DEFAULT_BURST);
    }
}
