package dev.sieve.sink.port;

/**
 * What a consumer's thread does, step by step: the writer and the control plane each are one, and a
 * Kafka {@code ConsumerLoop} (adapter) drives it. Every step runs on the loop's thread, which owns the consumer.
 */
public interface PollHandler {

    /** Subscribes the consumer. */
    void subscribe();

    /** One poll and what follows from it. */
    void pollOnce();

    /** After each poll, woken or not, while the loop goes on. */
    default void afterPoll() {}

    /** Once, after the loop was closed on purpose (never after a failure). */
    default void onStop() {}
}
