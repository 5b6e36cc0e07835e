package dev.sieve.sink.port;

import dev.sieve.schemas.topic.DeadLetterReason;

/**
 * Why the sink refused a control record (a retention change, a purpose quarantine): the reason and detail of the
 * dead letter the record becomes. Nothing was changed for it.
 */
public record Rejection(DeadLetterReason reason, String detail) {}
