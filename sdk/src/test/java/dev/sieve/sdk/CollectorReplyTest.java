package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorReplyTest {

    @Test
    void readsTheCountsAndTheFirstRejection() {
        String body = "{\"accepted\":1,\"rejected\":2,\"results\":[{\"index\":0,\"status\":\"accepted\"},"
                + "{\"index\":1,\"status\":\"rejected\",\"reason\":\"wrong_type\",\"path\":\"event.battery_level\","
                + "\"message\":\"event.battery_level: expected an integer, got a string\"},"
                + "{\"index\":2,\"status\":\"rejected\",\"reason\":\"missing_field\",\"path\":\"family\","
                + "\"message\":\"family: required field is missing\"}]}";
        CollectorReply reply = CollectorReply.parse(body).orElseThrow();
        assertThat(reply.accepted()).isEqualTo(1);
        assertThat(reply.rejected()).isEqualTo(2);
        assertThat(reply.firstRejection()).contains("event.battery_level: expected an integer, got a string");
    }

    @Test
    void somethingElseIsNotAReply() {
        assertThat(CollectorReply.parse("<html>bad gateway</html>")).isEmpty();
        assertThat(CollectorReply.parse("{\"accepted\":\"many\"}")).isEmpty();
        assertThat(CollectorReply.errorMessage("{\"error\":\"unauthorized\",\"message\":\"API key not recognised\"}"))
                .contains("API key not recognised");
        assertThat(CollectorReply.errorMessage("")).isEmpty();
    }

    @Test
    void theReaderHandlesEveryJsonShape() {
        assertThat(JsonReader.parse(" {\"a\":[1,-2.5e1,true,false,null,\"x\\u0041\\n\"],\"b\":{}} "))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, -25.0, true, false, null, "xA\n"), "b", Map.of()));
        assertThat(JsonReader.parse("[]")).isEqualTo(List.of());
        assertThatThrownBy(() -> JsonReader.parse("{\"a\":1} x"))
                .hasMessage("not JSON at offset 8: unexpected text after the value");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\" 1}")).hasMessage("not JSON at offset 5: expected ':'");
    }
}
