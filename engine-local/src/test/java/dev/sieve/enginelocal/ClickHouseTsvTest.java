package dev.sieve.enginelocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseTsvTest {

    @Test
    void parsesEscapesAndNull() {
        assertThat(ClickHouseTsv.parse("1\ta\\tb\\\\c\\nd\t\\N\n2\tit\\'s\t\n"))
                .containsExactly(Arrays.asList("1", "a\tb\\c\nd", null), Arrays.asList("2", "it's", ""));
        assertThat(ClickHouseTsv.parse("\\b\\f\\0\\r")).containsExactly(List.of("\b\f\0\r"));
    }

    @Test
    void parsesEmptyOutputAndASingleEmptyField() {
        assertThat(ClickHouseTsv.parse("")).isEmpty();
        assertThat(ClickHouseTsv.parse("\n")).containsExactly(Arrays.asList(""));
    }

    @Test
    void encodedRowsParseBackToTheSameValuesWhateverTheyContain() {
        List<List<String>> rows = List.of(Arrays.asList("tab\there", null, "line\nbreak\r"),
                Arrays.asList("back\\slash", "quote's", "\\N"));

        byte[] body = ClickHouseTsv.encode(rows);

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("tab\\there\t\\N\tline\\nbreak\\r\nback\\\\slash\tquote's\t\\\\N\n");
        assertThat(ClickHouseTsv.parse(new String(body, StandardCharsets.UTF_8))).isEqualTo(rows);
    }
}
