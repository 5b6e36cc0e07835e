package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsvTest {

    @Test
    void encodedRowsParseBackToTheSameValuesWhateverTheyContain() {
        List<List<String>> rows = List.of(Arrays.asList("tab\there", null, "line\nbreak\r"),
                Arrays.asList("back\\slash", "quote's", "\\N"));

        byte[] body = Tsv.encode(rows);

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("tab\\there\t\\N\tline\\nbreak\\r\nback\\\\slash\tquote's\t\\\\N\n");
        assertThat(Tsv.parse(new String(body, StandardCharsets.UTF_8))).isEqualTo(rows);
    }

    @Test
    void timesAreWrittenInUtcWithMilliseconds() {
        assertThat(Tsv.time(Instant.parse("2026-12-05T12:30:01.042Z"))).isEqualTo("2026-12-05 12:30:01.042");
    }
}
