package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.Vocabulary;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a rotating pseudonym's key (its "salt") changes: {@code {action: pseudonymize, rotate: month}}.
 * Periods are calendar periods in UTC, so every instance and the sink agree on them without coordination:
 * a day, an ISO week (Monday to Monday), or a calendar month.
 */
public enum Rotation implements Vocabulary {
    DAY("day"),
    WEEK("week"),
    MONTH("month");

    private final String id;

    Rotation(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The period that contains {@code t}. */
    public Period periodOf(Instant t) {
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        LocalDate start = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return new Period(this, start);
    }

    /** What a pseudonym of this rotation allows, and what happens once its period's key is destroyed. */
    public String consequences() {
        return "The same value has one pseudonym within a " + id + " and unrelated ones in different " + id + "s,"
                + " so devices can be counted per " + id + " but not followed from one " + id + " to the next."
                + " Each " + id + "'s key is random (never derived from another secret) and is destroyed once the "
                + id + " and the late-event overlap are over: from then on the " + id + "'s rows cannot be linked to"
                + " a device or to each other across " + id + "s by anyone, and erasure and access requests can no"
                + " longer find them, because they are anonymous. Within the live " + id + ", erasure and access"
                + " work as for any pseudonym.";
    }

    public static List<String> ids() {
        return Vocabulary.ids(Rotation.class);
    }

    public static Optional<Rotation> fromId(String id) {
        return Vocabulary.parse(Rotation.class, id);
    }

    /**
     * One period of a rotation, {@code [start, end)} in UTC. Its {@link #id()} is the key id its pseudonyms
     * carry: {@code d2026-12-05}, {@code w2026-W49} (ISO week-based year and week) or {@code m2026-12}; each
     * fits the key id format of {@code PseudonymKey} and says which rotation and period made the pseudonym.
     */
    public record Period(Rotation rotation, LocalDate startDay) {

        public Period {
            Objects.requireNonNull(rotation, "rotation");
            Objects.requireNonNull(startDay, "startDay");
        }

        public Instant start() {
            return startDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The first instant after the period. */
        public Instant end() {
            return next().start();
        }

        public Period next() {
            return new Period(rotation, switch (rotation) {
                case DAY -> startDay.plusDays(1);
                case WEEK -> startDay.plusWeeks(1);
                case MONTH -> startDay.plusMonths(1);
            });
        }

        public String id() {
            return switch (rotation) {
                case DAY -> String.format("d%04d-%02d-%02d", startDay.getYear(), startDay.getMonthValue(),
                        startDay.getDayOfMonth());
                case WEEK -> String.format("w%04d-W%02d", startDay.get(IsoFields.WEEK_BASED_YEAR),
                        startDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case MONTH -> String.format("m%04d-%02d", startDay.getYear(), startDay.getMonthValue());
            };
        }

        @Override
        public String toString() {
            return id();
        }
    }
}
