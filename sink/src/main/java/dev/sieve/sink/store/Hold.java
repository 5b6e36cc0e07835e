package dev.sieve.sink.store;

import dev.sieve.sink.subject.Subject;
import java.time.Instant;

/** One legal hold as placed. The subject is part of it: callers decide whether to show it. */
public record Hold(String holdId, Subject subject, String placedBy, Instant placedAt, String reason) {}
