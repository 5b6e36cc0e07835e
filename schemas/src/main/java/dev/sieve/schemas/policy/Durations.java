package dev.sieve.schemas.policy;

import java.time.Duration;

/** Durations in the policy's own notation: whole days as {@code 30d}, anything else in hours as {@code 12h}. */
public final class Durations {
    private Durations() {}

    public static String format(Duration d) {
        if (d.toHours() % 24 == 0) {
            return d.toDays() + "d";
        }
        return d.toHours() + "h";
    }
}
