package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TsvTest {

    @Test
    void timesAreWrittenInUtcWithMilliseconds() {
        assertThat(Tsv.time(Instant.parse("2026-12-05T12:30:01.042Z"))).isEqualTo("2026-12-05 12:30:01.042");
    }
}
