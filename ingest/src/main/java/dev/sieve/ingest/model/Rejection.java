package dev.sieve.ingest.model;

import dev.sieve.schemas.topic.DeadLetterReason;
import java.util.Objects;

/**
 * Why one piece of input was refused, precise enough to fix it and safe to show anywhere: it names fields and
 * rules, never values, since values may be identifiers.
 *
 * @param reason  the fixed-vocabulary reason
 * @param path    where, e.g. {@code event.envelope.region} or {@code events[3]}; empty for the whole input
 * @param problem what is wrong there, e.g. {@code expected a string, got a number}
 */
public record Rejection(DeadLetterReason reason, String path, String problem) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(problem, "problem");
    }

    /** {@code path: problem}, or the problem alone when there is no path. */
    public String message() {
        return path.isEmpty() ? problem : path + ": " + problem;
    }
}
