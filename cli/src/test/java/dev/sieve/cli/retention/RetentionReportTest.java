package dev.sieve.cli.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.store.RetentionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionReportTest {

    @Test
    void oneLinePerTableOneColumnPerRegion() {
        Map<String, Optional<Duration>> changed = new LinkedHashMap<>();
        changed.put("cn-north", Optional.of(Duration.ofDays(10)));
        changed.put("eu-west", Optional.empty());
        Map<String, Optional<Duration>> untouched = new LinkedHashMap<>();
        untouched.put("cn-north", Optional.of(Duration.ofDays(30)));
        untouched.put("eu-west", Optional.of(Duration.ofDays(30)));
        List<RetentionReport.Row> rows = List.of(
                new RetentionReport.Row("security_device", Duration.ofDays(180), changed,
                        "sieve.purpose.security.device", Optional.of(Duration.ofDays(3).toMillis()),
                        Optional.of(new RetentionRecord("security_device", "applied", "180d", "10d",
                                Optional.of(259200000L), "ops@example", Instant.parse("2026-11-02T09:30:00.250Z"),
                                Instant.parse("2026-11-02T09:30:01Z"), "audit finding"))),
                new RetentionReport.Row("service_device", Duration.ofDays(30), untouched,
                        "sieve.purpose.service.device", Optional.empty(), Optional.empty()));

        assertThat(RetentionReport.format(rows, List.of("cn-north", "eu-west"))).isEqualTo("""
                TABLE            POLICY  CN-NORTH  EU-WEST  TOPIC    LAST CHANGE
                security_device  180d    10d       -        3d       2026-11-02T09:30:00Z ops@example 180d -> 10d applied: audit finding
                service_device   30d     30d       30d      missing  -
                (region columns: the TTL ClickHouse applies now, '-' where the table or its TTL is missing: run sieve\
                 ddl apply; TOPIC: retention.ms of the purpose topic)
                """);
    }

    @Test
    void topicRetentionInTheUnitsItWasSetIn() {
        assertThat(RetentionReport.millis(-1)).isEqualTo("unlimited");
        assertThat(RetentionReport.millis(Duration.ofHours(36).toMillis())).isEqualTo("36h");
        assertThat(RetentionReport.millis(90_000)).isEqualTo("90000ms");
    }
}
