package dev.sieve.ingest.port;

import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.schemas.topic.DeadLetter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the collector writes: accepted events to their family's raw topic, refused input to the dead letters. */
public interface EventLog extends AutoCloseable {

    /**
     * Writes a batch. Nothing is acknowledged to the client before the returned future completes.
     *
     * @param clientAddress the address the batch came from, carried to enrich in a header (for coarse
     *                      geography); null when unknown
     *
     * @return completes normally once the log durably holds every record, exceptionally with the first failure
     *         (some records may then be written and others not: the client's retry may duplicate them, and
     *         enrich drops such repeats by app and event id within its de-duplication window)
     */
    CompletableFuture<Void> write(List<EventOutcome.Accepted> events, List<DeadLetter> deadLetters,
            String clientAddress);

    /** Whether the log answers within {@code timeout}; for the readiness probe. */
    boolean reachable(Duration timeout);

    /** Sends what is buffered, waiting at most {@code timeout}, and releases the connection. */
    void close(Duration timeout);

    @Override
    default void close() {
        close(Duration.ofSeconds(10));
    }
}
