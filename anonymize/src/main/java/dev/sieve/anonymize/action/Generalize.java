package dev.sieve.anonymize.action;

import dev.sieve.schemas.policy.Granularity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** {@code generalize}: coarser values. Times floor in UTC; numbers floor to their bucket; versions keep their leading parts. */
public final class Generalize {

    private Generalize() {}

    public static Instant time(Instant t, Granularity to) {
        return switch (to) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> ZonedDateTime.ofInstant(t, ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS)
                    .toInstant();
            default -> throw new IllegalArgumentException(to.id() + " is not a time granularity");
        };
    }

    /** The bucket's lower bound: {@code 87} in buckets of 10 is {@code 80}, {@code -87} is {@code -90}. */
    public static long number(long value, long bucket) {
        return Math.floorDiv(value, bucket) * bucket;
    }

    /** {@code major} keeps the first number, {@code minor} the first two: {@code 16.0.1} is {@code 16} or {@code 16.0}. */
    public static String version(String version, Granularity to) {
        int parts = switch (to) {
            case MAJOR -> 1;
            case MINOR -> 2;
            default -> throw new IllegalArgumentException(to.id() + " is not a version granularity");
        };
        // One pass, no regular expression: this runs for every event of several purposes.
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (int part = 0; part < parts; part++) {
            int start = i;
            while (i < version.length() && version.charAt(i) >= '0' && version.charAt(i) <= '9') {
                i++;
            }
            if (i == start) {
                break;
            }
            out.append(part == 0 ? "" : ".").append(version, start, i);
            int dot = version.indexOf('.', i);
            if (dot < 0) {
                break;
            }
            i = dot + 1;
        }
        return out.length() == 0 ? null : out.toString();
    }
}
