package dev.sieve.schemas.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RotationTest {

    @Test
    void aMonthIsTheCalendarMonthInUtc() {
        Rotation.Period p = Rotation.MONTH.periodOf(Instant.parse("2026-12-31T23:59:59.999Z"));
        assertThat(p.id()).isEqualTo("m2026-12");
        assertThat(p.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(Rotation.MONTH.periodOf(p.end()).id()).isEqualTo("m2027-01");
        assertThat(Rotation.MONTH.periodOf(Instant.parse("2026-02-01T00:00:00Z")).end())
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void aWeekRunsFromMondayAndIsNamedByItsIsoWeek() {
        // 2027-01-01 is a Friday of ISO week 53 of 2026
        Rotation.Period p = Rotation.WEEK.periodOf(Instant.parse("2027-01-01T12:00:00Z"));
        assertThat(p.id()).isEqualTo("w2026-W53");
        assertThat(p.start()).isEqualTo(Instant.parse("2026-12-28T00:00:00Z"));
        assertThat(p.end()).isEqualTo(Instant.parse("2027-01-04T00:00:00Z"));
        assertThat(p.next().id()).isEqualTo("w2027-W01");
    }

    @Test
    void aDayIsTheUtcDay() {
        Rotation.Period p = Rotation.DAY.periodOf(Instant.parse("2026-12-05T23:30:00Z"));
        assertThat(p.id()).isEqualTo("d2026-12-05");
        assertThat(p.end()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(Rotation.DAY.periodOf(Instant.parse("2026-12-06T00:00:00Z"))).isEqualTo(p.next());
    }

    @Test
    void periodIdsAreValidKeyIds() {
        for (Rotation r : Rotation.values()) {
            assertThat(r.periodOf(Instant.parse("2026-12-05T00:00:00Z")).id()).matches("[A-Za-z0-9-]{1,16}");
        }
    }
}
