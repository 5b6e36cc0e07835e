package dev.sieve.sink.store;

import dev.sieve.sink.subject.Subject;
import java.time.Instant;

/** An erasure request as the sink needs it. */
public record ErasureTask(String requestId, Subject subject, String requestedBy, Instant requestedAt) {}
