package dev.sieve.sdk;

/**
 * What a {@link SieveClient} did with the events given to it, counted since it was built. Every event ends up
 * in exactly one of {@code sent}, {@code rejected} or {@code dropped}, or is still {@code pending}.
 *
 * @param sent     events the collector accepted (it acknowledges only after Kafka has them)
 * @param rejected events the collector refused as invalid (never retried: sending them again would not help)
 * @param dropped  events given up on: the queue was full, the client was closed, or a batch ran out of
 *                 retries or time while closing; not known to have been delivered
 * @param retried  requests sent again after a retryable failure (HTTP 429, 5xx, network error)
 * @param pending  events queued or in flight
 */
public record ClientStats(long sent, long rejected, long dropped, long retried, long pending) {}
