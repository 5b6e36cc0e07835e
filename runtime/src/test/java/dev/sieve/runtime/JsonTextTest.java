package dev.sieve.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quotesEscapesAndControlCharacters() {
        assertThat(JsonText.quote("cn-north")).isEqualTo("\"cn-north\"");
        assertThat(JsonText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(JsonText.quote("l1\nl2\tx\ry")).isEqualTo("\"l1\\nl2\\tx\\ry\"");
        assertThat(JsonText.quote("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
        assertThat(JsonText.quote("ａｌｉｃｅ")).isEqualTo("\"ａｌｉｃｅ\"");
    }

    @Test
    void aJsonParserReadsBackTheString() throws Exception {
        String s = "q\" b\\ n\n t\t r\r c\u0002 u\u00e9";
        assertThat(new ObjectMapper().readValue(JsonText.quote(s), String.class)).isEqualTo(s);
    }
}
