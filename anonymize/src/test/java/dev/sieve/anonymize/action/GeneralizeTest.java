package dev.sieve.anonymize.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.Granularity;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneralizeTest {

    private static final Instant T = Instant.parse("2026-11-29T08:15:30.123Z");

    @Test
    void timesFloorInUtc() {
        assertThat(Generalize.time(T, Granularity.HOUR)).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
        assertThat(Generalize.time(T, Granularity.DAY)).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(Generalize.time(T, Granularity.MONTH)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(Generalize.time(Instant.parse("1969-12-31T23:59:59.999Z"), Granularity.HOUR))
                .isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
    }

    @ParameterizedTest(name = "{0} in buckets of {1} -> {2}")
    @CsvSource({"87, 10, 80", "80, 10, 80", "0, 10, 0", "-87, 10, -90", "-1, 20, -20", "183000, 60000, 180000",
            "9223372036854775807, 100, 9223372036854775800"})
    void numbersFloorToTheirBucket(long value, long bucket, long expected) {
        assertThat(Generalize.number(value, bucket)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> major {1}, minor {2}")
    @CsvSource(value = {"16.0.1, 16, 16.0", "16, 16, 16", "4.2.1-beta, 4, 4.2", "10.3rc1.2, 10, 10.3",
            "beta, NULL, NULL", "'', NULL, NULL", "16., 16, 16", "16beta.2x, 16, 16.2", "1.b.3, 1, 1",
            "'\u0661\u0666.1', NULL, NULL"}, nullValues = "NULL")
    void versionsKeepTheirLeadingNumbers(String version, String major, String minor) {
        assertThat(Generalize.version(version, Granularity.MAJOR)).isEqualTo(major);
        assertThat(Generalize.version(version, Granularity.MINOR)).isEqualTo(minor);
    }

    @Test
    void granularityMustFitTheValue() {
        assertThatThrownBy(() -> Generalize.time(T, Granularity.MAJOR)).hasMessage("major is not a time granularity");
        assertThatThrownBy(() -> Generalize.version("1.2", Granularity.DAY))
                .hasMessage("day is not a version granularity");
    }
}
