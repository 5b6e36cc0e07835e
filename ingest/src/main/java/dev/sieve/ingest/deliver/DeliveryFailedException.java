package dev.sieve.ingest.deliver;

/**
 * Kafka did not acknowledge a whole batch in time. The client is told to retry (503 with {@code Retry-After}
 * when the failure may pass by itself, as when the broker is unreachable; 500 otherwise).
 */
public final class DeliveryFailedException extends Exception {

    private final boolean transientFailure;

    DeliveryFailedException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether retrying later may succeed without anyone changing anything. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
