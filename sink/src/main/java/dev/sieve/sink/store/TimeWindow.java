package dev.sieve.sink.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of time, {@code [from, to)}.
 *
 * @throws IllegalArgumentException unless {@code from} is before {@code to}
 */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window's start must be before its end");
        }
    }
}
