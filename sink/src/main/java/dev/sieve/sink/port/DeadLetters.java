package dev.sieve.sink.port;

import dev.sieve.schemas.topic.DeadLetter;

/** Where records the sink cannot store go, with their reason. Nothing is dropped silently. */
public interface DeadLetters {

    /** Queues a dead letter; it is durable once {@link #flush()} returns. */
    void send(DeadLetter letter);

    /** Blocks until every queued dead letter is acknowledged; the sink calls it before committing offsets. */
    void flush();
}
