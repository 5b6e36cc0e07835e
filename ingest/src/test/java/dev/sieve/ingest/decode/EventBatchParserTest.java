package dev.sieve.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchParserTest {

    private final EventBatchParser parser = new EventBatchParser(3);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonEvent e) {
        return new String(e.original(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsTheBatchKeepingEachEventsBytesAsSent() throws Exception {
        String body = "{ \"events\" : [ {\"family\": \"ip\", \"event\": {\"a\": [1, {\"b\": \"ü}\"}]}} ,\n"
                + "  \"not an object\", 42 ] }";
        List<JsonEvent> events = parser.parse(utf8(body));

        assertThat(events).extracting(EventBatchParserTest::text).containsExactly(
                "{\"family\": \"ip\", \"event\": {\"a\": [1, {\"b\": \"ü}\"}]}}", "\"not an object\"", "42");
        assertThat(events.get(0).json().path("event").path("a").get(1).path("b").textValue()).isEqualTo("ü}");
        assertThat(parser.parse(utf8("{\"events\":[]}"))).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonGoesWholeToTheDeadLettersWithWhereItBroke() {
        byte[] body = utf8("{\"events\": [\n {\"family\": \"ip\", \"event\": {\"ip_address\": 192.0.2.1}}]}");
        assertThatThrownBy(() -> parser.parse(body))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.BAD_REQUEST);
                    assertThat(e.deadLetter().orElseThrow().reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
                    assertThat(e.deadLetter().orElseThrow().body()).isEqualTo(body);
                })
                .hasMessage("body is not valid JSON (line 2, column 48)");
        assertThatThrownBy(() -> parser.parse(utf8("{\"events\":[]} {}")))
                .hasMessage("body has more after the batch (line 1, column 15)");
        assertThatThrownBy(() -> parser.parse(utf8("{\"events\":[{\"family\":\"ip\",\"family\":\"device\"}]}")))
                .hasMessage("body is not valid JSON (line 1, column 35)");
    }

    @Test
    void jsonThatIsNotABatchGoesWholeToTheDeadLetters() {
        assertThatThrownBy(() -> parser.parse(utf8("[{\"family\":\"ip\"}]")))
                .isInstanceOfSatisfying(RequestRefusedException.class,
                        e -> assertThat(e.deadLetter().orElseThrow().reason()).isEqualTo(DeadLetterReason.INVALID_BATCH))
                .hasMessage("body: expected an object {\"events\": [...]}, got an array");
        assertThatThrownBy(() -> parser.parse(utf8("{\"event\":[]}")))
                .hasMessage("event: unknown field; a batch has only \"events\"");
        assertThatThrownBy(() -> parser.parse(utf8("{\"events\":{}}")))
                .hasMessage("events: expected an array, got an object");
        assertThatThrownBy(() -> parser.parse(utf8("{}")))
                .hasMessage("events: required field is missing");
    }

    @Test
    void refusesMoreEventsThanTheLimitWithoutKeepingThem() {
        assertThatThrownBy(() -> parser.parse(utf8("{\"events\":[1,2,3,4]}")))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.PAYLOAD_TOO_LARGE);
                    assertThat(e.deadLetter()).isEmpty();
                })
                .hasMessage("batch has more than 3 events; the limit is 3 (limits.max-events-per-batch)");
    }
}
