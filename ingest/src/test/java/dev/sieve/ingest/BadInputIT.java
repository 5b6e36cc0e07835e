package dev.sieve.ingest;

import static dev.sieve.ingest.TestBed.json;
import static dev.sieve.ingest.TestBed.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.ingest.config.Limits;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each class of bad input against the running collector and a real broker: the exact answer, and where the
 * input reached the collector, the dead-letter record with its reason; where it was refused at the door,
 * nothing written at all.
 */
class BadInputIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    /** Small limits, so oversized input is cheap to make. */
    private static final Limits LIMITS = new Limits(20_000, 10, 2_000, 1_000);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENVELOPE = "'envelope':{'event_id':'%s','event_time':'2026-11-29T08:15:30.123Z',"
            + "'app_id':'notes','app_version':'4.2.1','sdk_version':'0.1.0','region':'cn-north','device_id':'dev-5c1f'}";
    private static Collector collector;

    @BeforeAll
    static void start() throws Exception {
        TestBed.createTopics(KAFKA);
        collector = Collector.start(TestBed.config(KAFKA, LIMITS));
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    private static String device(String eventId, String fields) {
        return json("{'family':'device','event':{" + ENVELOPE.formatted(eventId) + "," + fields + "}}");
    }

    private static final String GOOD_FIELDS = "'device_model':'Pixel 9','os_name':'Android','os_version':'16'";

    private static void assertJson(HttpResponse<String> response, int status, String expectedSingleQuoted)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(MAPPER.readTree(response.body())).isEqualTo(MAPPER.readTree(json(expectedSingleQuoted)));
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersFrom(int before) {
        List<ConsumerRecord<byte[], byte[]>> all = TestBed.readDeadLetters(KAFKA);
        return all.subList(before, all.size());
    }

    /** Records in every raw topic and the dead-letter topic. */
    private static long written() {
        return TestBed.recordCount(KAFKA);
    }

    @Test
    void eachBadEventOfABatchIsRejectedWithItsReasonAndDeadLetteredAsSentWhileGoodOnesPass() throws Exception {
        int dlqBefore = TestBed.readDeadLetters(KAFKA).size();
        List<String> items = List.of(
                device("good-1", GOOD_FIELDS),
                device("bad-type", GOOD_FIELDS + ",'battery_level':'81'"),
                device("bad-missing", "'device_model':'Pixel 9','os_name':'Android'"),
                json("{'family':'location','event':{" + ENVELOPE.formatted("bad-family") + "}}"),
                device("bad-unknown", GOOD_FIELDS + ",'imei':'356938035643809'"),
                device("bad-size", GOOD_FIELDS + ",'network_type':'" + "5".repeat(2_000) + "'"),
                device("bad-region", GOOD_FIELDS).replace("cn-north", "eu-west"));
        String body = "{\"events\": [" + String.join(",\n  ", items) + "]}";

        HttpResponse<String> response = TestBed.postEvents(collector.port(), body);

        int bigSize = utf8(items.get(5)).length;
        assertJson(response, 200, "{'accepted':1,'rejected':6,'results':["
                + "{'index':0,'status':'accepted'},"
                + "{'index':1,'status':'rejected','reason':'wrong_type','path':'event.battery_level',"
                + "'message':'event.battery_level: expected an integer, got a string'},"
                + "{'index':2,'status':'rejected','reason':'missing_field','path':'event.os_version',"
                + "'message':'event.os_version: required field is missing'},"
                + "{'index':3,'status':'rejected','reason':'unknown_family','path':'family',"
                + "'message':'family: not a family Sieve collects; expected one of device, software, ip, service_log,"
                + " communication_log'},"
                + "{'index':4,'status':'rejected','reason':'unknown_field','path':'event.imei',"
                + "'message':'event.imei: unknown field'},"
                + "{'index':5,'status':'rejected','reason':'event_too_large','path':'',"
                + "'message':'event is " + bigSize + " bytes; the limit is 2000 (limits.max-event-bytes)'},"
                + "{'index':6,'status':'rejected','reason':'unknown_region','path':'event.envelope.region',"
                + "'message':'event.envelope.region: not a region of the policy; expected one of cn-north, cn-east'}]}");

        List<ConsumerRecord<byte[], byte[]>> letters = deadLettersFrom(dlqBefore);
        assertThat(letters).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(items.subList(1, items.size()));
        assertThat(letters).extracting(r -> TestBed.header(r, Topics.HEADER_DLQ_REASON)).containsExactly(
                "wrong_type", "missing_field", "unknown_family", "unknown_field", "event_too_large", "unknown_region");
        assertThat(TestBed.header(letters.get(0), Topics.HEADER_DLQ_DETAIL))
                .isEqualTo("event.battery_level: expected an integer, got a string");
        assertThat(letters).allSatisfy(r -> assertThat(TestBed.header(r, Topics.HEADER_APP_ID)).isEqualTo("notes"));

        assertThat(TestBed.readRaw(KAFKA, EventFamily.DEVICE))
                .filteredOn(r -> ((DeviceEvent) r.value()).getEnvelope().getEventId().startsWith("good-1"))
                .hasSize(1);
    }

    @Test
    void malformedJsonIsAnsweredWithWhereItBrokeAndKeptWholeInTheDeadLetters() throws Exception {
        int dlqBefore = TestBed.readDeadLetters(KAFKA).size();
        String body = "{\"events\": [" + device("m-1", GOOD_FIELDS) + ", {\"family\": \"device\" \"event\": {}}]}";

        HttpResponse<String> response = TestBed.postEvents(collector.port(), body);

        int column = body.indexOf("\"event\": {}") + 1;
        assertJson(response, 400, "{'error':'malformed_json','message':'body is not valid JSON (line 1, column "
                + column + ")'}");
        List<ConsumerRecord<byte[], byte[]>> letters = deadLettersFrom(dlqBefore);
        assertThat(letters).hasSize(1);
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(TestBed.header(letters.get(0), Topics.HEADER_DLQ_REASON)).isEqualTo("malformed_json");
        assertThat(TestBed.header(letters.get(0), Topics.HEADER_DLQ_DETAIL))
                .isEqualTo("body is not valid JSON (line 1, column " + column + ")");
        assertThat(TestBed.header(letters.get(0), Topics.HEADER_APP_ID)).isEqualTo("notes");
    }

    @Test
    void aGzipBodyIsReadAndAGzipBodyThatIsNotGzipIsDeadLettered() throws Exception {
        byte[] batch = utf8("{\"events\": [" + device("gzip-1", GOOD_FIELDS) + "]}");
        HttpResponse<String> ok = TestBed.post(collector.port(), "/v1/events", "application/json; charset=utf-8",
                TestBed.API_KEY, TestBed.gzip(batch), "Content-Encoding", "gzip");
        assertJson(ok, 200, "{'accepted':1,'rejected':0,'results':[{'index':0,'status':'accepted'}]}");

        int dlqBefore = TestBed.readDeadLetters(KAFKA).size();
        HttpResponse<String> bad = TestBed.post(collector.port(), "/v1/events", "application/json", TestBed.API_KEY,
                batch, "Content-Encoding", "gzip");
        assertJson(bad, 400, "{'error':'malformed_gzip','message':'body is not valid gzip (Content-Encoding: gzip)'}");
        assertThat(deadLettersFrom(dlqBefore)).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(batch));
    }

    @Test
    void anOversizedBatchOrBodyIsRefusedWholeAndNothingIsWritten() throws Exception {
        long before = written();
        String elevenEvents = IntStream.range(0, 11).mapToObj(i -> device("over-" + i, GOOD_FIELDS))
                .collect(Collectors.joining(",", "{\"events\":[", "]}"));
        assertJson(TestBed.postEvents(collector.port(), elevenEvents), 413, "{'error':'payload_too_large',"
                + "'message':'batch has more than 10 events; the limit is 10 (limits.max-events-per-batch)'}");

        byte[] big = new byte[20_001];
        Arrays.fill(big, (byte) ' ');
        assertJson(TestBed.post(collector.port(), "/v1/events", "application/json", TestBed.API_KEY, big), 413,
                "{'error':'payload_too_large','message':'body is 20001 bytes; the limit is 20000 (limits.max-body-bytes)'}");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aMissingOrWrongApiKeyIsRefusedAndNothingIsWritten() throws Exception {
        long before = written();
        byte[] batch = utf8("{\"events\": [" + device("auth-1", GOOD_FIELDS) + "]}");

        HttpResponse<String> missing = TestBed.post(collector.port(), "/v1/events", "application/json", null, batch);
        assertJson(missing, 401, "{'error':'unauthorized','message':'missing API key: send Authorization: Bearer <key>'}");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");

        HttpResponse<String> wrong = TestBed.post(collector.port(), "/v1/events", "application/json",
                "notes-key-0123456789abcdeX", batch);
        assertJson(wrong, 401, "{'error':'unauthorized','message':'API key not recognised'}");

        // A valid key of another app cannot write this app's events.
        HttpResponse<String> otherApp = TestBed.post(collector.port(), "/v1/events", "application/json",
                TestBed.OTHER_API_KEY, batch);
        assertThat(otherApp.statusCode()).isEqualTo(200);
        assertThat(otherApp.body()).contains("\"reason\":\"wrong_app\"",
                "event.envelope.app_id: not the app of the API key (chat)");
        assertThat(TestBed.readRaw(KAFKA, EventFamily.DEVICE)).noneMatch(
                r -> ((DeviceEvent) r.value()).getEnvelope().getEventId().equals("auth-1"));
        assertThat(written()).isEqualTo(before + 1);
    }

    @Test
    void aWrongContentTypeIsRefusedAndNothingIsWritten() throws Exception {
        long before = written();
        byte[] batch = utf8("{\"events\": [" + device("ct-1", GOOD_FIELDS) + "]}");

        assertJson(TestBed.post(collector.port(), "/v1/events", "text/plain", TestBed.API_KEY, batch), 415,
                "{'error':'unsupported_media_type','message':'Content-Type must be application/json'}");
        assertJson(TestBed.post(collector.port(), "/v1/events", null, TestBed.API_KEY, batch), 415,
                "{'error':'unsupported_media_type','message':'Content-Type must be application/json'}");
        assertJson(TestBed.post(collector.port(), "/v1/events", "application/json", TestBed.API_KEY, batch,
                "Content-Encoding", "br"), 415, "{'error':'unsupported_media_type',"
                + "'message':'Content-Encoding br is not supported: send gzip or no encoding'}");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void validJsonThatIsNotABatchIsDeadLettered() throws Exception {
        int dlqBefore = TestBed.readDeadLetters(KAFKA).size();
        String body = "[" + device("shape-1", GOOD_FIELDS) + "]";
        assertJson(TestBed.postEvents(collector.port(), body), 400, "{'error':'invalid_batch',"
                + "'message':'body: expected an object {\\'events\\': [...]}, got an array'}".replace("\\'", "\\\""));
        assertThat(deadLettersFrom(dlqBefore)).singleElement().satisfies(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(body);
            assertThat(TestBed.header(r, Topics.HEADER_DLQ_REASON)).isEqualTo("invalid_batch");
        });
    }
}
