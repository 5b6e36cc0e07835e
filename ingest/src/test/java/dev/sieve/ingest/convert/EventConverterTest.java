package dev.sieve.ingest.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.Rejection;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.CommunicationChannel;
import dev.sieve.schemas.event.CommunicationDirection;
import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.ServiceAction;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sdk.EventBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventConverterTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T08:15:31Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENVELOPE = "'envelope':{'event_id':'e-1','event_time':'2026-11-29T08:15:30.123Z',"
            + "'app_id':'notes','app_version':'4.2.1','sdk_version':'0.1.0','region':'cn-north',"
            + "'subject_id':'user-8812','device_id':'dev-5c1f'}";
    private static final String DEVICE = "{'family':'device','event':{" + ENVELOPE + ",'device_model':'Pixel 9',"
            + "'os_name':'Android','os_version':'16.0.1','battery_level':81}}";

    private final EventConverter converter;

    EventConverterTest() throws Exception {
        converter = new EventConverter(PolicyLoader.loadDefault(), new Limits(1_000_000, 500, 2_000, 20));
    }

    private static String quoted(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private EventOutcome convert(String singleQuoted) throws Exception {
        String json = quoted(singleQuoted);
        JsonNode node = MAPPER.readTree(json);
        return converter.convert("notes", RECEIVED, node, json.getBytes(StandardCharsets.UTF_8));
    }

    private Rejection rejection(String singleQuoted) throws Exception {
        EventOutcome outcome = convert(singleQuoted);
        assertThat(outcome).isInstanceOf(EventOutcome.Rejected.class);
        return ((EventOutcome.Rejected) outcome).rejection();
    }

    private static Envelope envelope() {
        return Envelope.newBuilder().setEventId("e-1").setEventTime(Instant.parse("2026-11-29T08:15:30.123Z"))
                .setReceivedTime(RECEIVED).setAppId("notes").setAppVersion("4.2.1").setSdkVersion("0.1.0")
                .setRegion("cn-north").setSubjectId("user-8812").setDeviceId("dev-5c1f").build();
    }

    @Test
    void convertsAnEventToItsFamilysRecordAndStampsTheReceiveTime() throws Exception {
        EventOutcome outcome = convert(DEVICE);

        DeviceEvent expected = DeviceEvent.newBuilder().setEnvelope(envelope()).setDeviceModel("Pixel 9")
                .setOsName("Android").setOsVersion("16.0.1").setBatteryLevel(81).build();
        assertThat(outcome).isEqualTo(new EventOutcome.Accepted(EventFamily.DEVICE, "dev-5c1f", expected));
    }

    @Test
    void readsEnumsTimestampsListsAndLongs() throws Exception {
        EventOutcome comm = convert("{'family':'communication_log','event':{" + ENVELOPE + ",'peer_account':'user-4471',"
                + "'channel':'CALL','direction':'OUTGOING','started_at':'2026-11-29T16:05:30.5+08:00',"
                + "'duration_ms':183000}}");
        assertThat(((EventOutcome.Accepted) comm).record()).isEqualTo(CommunicationLogEvent.newBuilder()
                .setEnvelope(envelope()).setPeerAccount("user-4471").setChannel(CommunicationChannel.CALL)
                .setDirection(CommunicationDirection.OUTGOING).setStartedAt(Instant.parse("2026-11-29T08:05:30.500Z"))
                .setDurationMs(183_000L).build());

        EventOutcome software = convert("{'family':'software','event':{" + ENVELOPE + ",'software_name':'notes',"
                + "'software_version':'4.2.1','other_software':['com.example.chat','com.example.bank']}}");
        assertThat(((EventOutcome.Accepted) software).record()).isEqualTo(SoftwareEvent.newBuilder()
                .setEnvelope(envelope()).setSoftwareName("notes").setSoftwareVersion("4.2.1")
                .setOtherSoftware(List.of("com.example.chat", "com.example.bank")).build());
    }

    @Test
    void absentOptionalFieldsTakeTheirDefaultsAndExplicitNullIsNull() throws Exception {
        EventOutcome outcome = convert("{'family':'service_log','event':{" + ENVELOPE + ",'action':'VIEW',"
                + "'page_url':null}}");
        assertThat(((EventOutcome.Accepted) outcome).record()).isEqualTo(ServiceLogEvent.newBuilder()
                .setEnvelope(envelope()).setAction(ServiceAction.VIEW).build());
        EventOutcome software = convert("{'family':'software','event':{" + ENVELOPE + ",'software_name':'n',"
                + "'software_version':'1'}}");
        assertThat(((SoftwareEvent) ((EventOutcome.Accepted) software).record()).getOtherSoftware()).isEmpty();
    }

    @Test
    void keysByDeviceElseSubjectElseEvent() throws Exception {
        String noDevice = DEVICE.replace(",'device_id':'dev-5c1f'", "");
        assertThat(((EventOutcome.Accepted) convert(noDevice)).key()).isEqualTo("user-8812");
        String noSubject = noDevice.replace(",'subject_id':'user-8812'", "");
        assertThat(((EventOutcome.Accepted) convert(noSubject)).key()).isEqualTo("e-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "battery as a string  | 'battery_level':81                | 'battery_level':'81'              | wrong_type | event.battery_level: expected an integer, got a string",
        "battery as a decimal | 'battery_level':81                | 'battery_level':81.5              | wrong_type | event.battery_level: expected an integer, got a decimal number",
        "battery out of range | 'battery_level':81                | 'battery_level':3000000000        | invalid_value | event.battery_level: out of range for a 32-bit integer",
        "model missing        | 'device_model':'Pixel 9',        | \"\"                              | missing_field | event.device_model: required field is missing",
        "model null           | 'device_model':'Pixel 9'         | 'device_model':null               | wrong_type | event.device_model: expected a string, got null",
        "misspelt field       | 'os_name':'Android'              | 'os_nmae':'Android'               | unknown_field | event.os_nmae: unknown field",
        "unknown in envelope  | 'region':'cn-north'              | 'region':'cn-north','ip':'1'      | unknown_field | event.envelope.ip: unknown field",
        "an identifier as key | 'os_name':'Android'              | 'os_name':'Android','alice@example.com':1 | unknown_field | event.<a key that is not a field name>: unknown field",
        "time as a number     | 'event_time':'2026-11-29T08:15:30.123Z' | 'event_time':1795940130123 | wrong_type | event.envelope.event_time: expected an ISO-8601 timestamp string such as 2026-11-29T08:15:30.123Z, got an integer",
        "time without offset  | 'event_time':'2026-11-29T08:15:30.123Z' | 'event_time':'2026-11-29T08:15:30' | invalid_value | event.envelope.event_time: not an ISO-8601 timestamp with an offset, such as 2026-11-29T08:15:30.123Z",
        "unknown region       | 'region':'cn-north'              | 'region':'eu-west'                | unknown_region | event.envelope.region: not a region of the policy; expected one of cn-north, cn-east",
        "another app          | 'app_id':'notes'                 | 'app_id':'chat'                   | wrong_app | event.envelope.app_id: not the app of the API key (notes)",
        "empty event id       | 'event_id':'e-1'                 | 'event_id':''                     | invalid_value | event.envelope.event_id: must not be empty",
        "event id with space  | 'event_id':'e-1'                 | 'event_id':'e 1'                  | invalid_value | event.envelope.event_id: must be visible ASCII characters only (no spaces or control characters), such as a UUID",
        "event id no-break sp | 'event_id':'e-1'                 | 'event_id':'\u00a0'               | invalid_value | event.envelope.event_id: must be visible ASCII characters only (no spaces or control characters), such as a UUID",
        "receive time sent    | 'region':'cn-north'              | 'region':'cn-north','received_time':'2026-11-29T08:15:30Z' | pipeline_field | event.envelope.received_time: set by the pipeline; clients must not send it",
        "device class sent    | 'os_name':'Android'              | 'os_name':'Android','device_class':'phone' | pipeline_field | event.device_class: set by the pipeline; clients must not send it",
        "long string          | 'os_version':'16.0.1'            | 'os_version':'123456789012345678901' | string_too_long | event.os_version: 21 characters; the limit is 20 (limits.max-string-length)",
        "unknown family       | 'family':'device'                | 'family':'location'               | unknown_family | family: not a family Sieve collects; expected one of device, software, ip, service_log, communication_log",
        "family not a string  | 'family':'device'                | 'family':7                        | wrong_type | family: expected a string, got an integer",
    })
    void rejectsWithThePathAndTheRuleBroken(String name, String replace, String with, String reason, String message)
            throws Exception {
        String json = DEVICE.replace(replace, with);
        assertThat(json).isNotEqualTo(DEVICE);
        Rejection r = rejection(json);
        assertThat(r.reason().id()).isEqualTo(reason);
        assertThat(r.message()).isEqualTo(message);
    }

    @Test
    void anEventIdHasAtMost128Characters() throws Exception {
        EventConverter defaults = new EventConverter(PolicyLoader.loadDefault(), Limits.defaults());
        String longest = DEVICE.replace("'e-1'", "'" + "a".repeat(128) + "'");
        String tooLong = DEVICE.replace("'e-1'", "'" + "a".repeat(129) + "'");

        assertThat(defaults.convert("notes", RECEIVED, MAPPER.readTree(quoted(longest)), new byte[0]))
                .isInstanceOf(EventOutcome.Accepted.class);
        EventOutcome outcome = defaults.convert("notes", RECEIVED, MAPPER.readTree(quoted(tooLong)), new byte[0]);
        assertThat(((EventOutcome.Rejected) outcome).rejection()).isEqualTo(new Rejection(
                DeadLetterReason.INVALID_VALUE, "event.envelope.event_id", "129 characters; an event id has at most 128, such as a UUID"));
        assertThat(EventBuilder.MAX_EVENT_ID_LENGTH).as("the SDK refuses what the collector would")
                .isEqualTo(EventConverter.MAX_EVENT_ID_LENGTH);
    }

    @Test
    void rejectsAWrongEnumSymbolListingTheAllowedOnes() throws Exception {
        Rejection r = rejection("{'family':'service_log','event':{" + ENVELOPE + ",'action':'search'}}");
        assertThat(r).isEqualTo(new Rejection(DeadLetterReason.INVALID_VALUE, "event.action",
                "must be one of SEARCH, VIEW, FAILURE"));
    }

    @Test
    void rejectsAWrongTypeInsideAList() throws Exception {
        Rejection r = rejection("{'family':'software','event':{" + ENVELOPE + ",'software_name':'n','software_version':'1',"
                + "'other_software':['a',2]}}");
        assertThat(r.message()).isEqualTo("event.other_software[1]: expected a string, got an integer");
    }

    @Test
    void rejectsItemsThatAreNotEvents() throws Exception {
        assertThat(rejection("'device'").message())
                .isEqualTo("expected an object {\"family\": ..., \"event\": {...}}, got a string");
        assertThat(rejection("{'family':'device'}").message()).isEqualTo("event: required field is missing");
        assertThat(rejection("{'event':{}}").message()).isEqualTo("family: required field is missing");
        assertThat(rejection("{'family':'device','event':{},'sdk':1}").message())
                .isEqualTo("sdk: unknown field; an event has \"family\" and \"event\"");
        assertThat(rejection("{'family':'device','event':'x'}").message())
                .isEqualTo("event: expected an object, got a string");
        assertThat(rejection("{'family':'device','event':{'envelope':[]}}").message())
                .isEqualTo("event.envelope: expected an object, got an array");
    }

    @Test
    void rejectsAnEventOverTheSizeLimitBeforeReadingIt() throws Exception {
        String big = DEVICE.replace("'Pixel 9'", "'" + "x".repeat(2_000) + "'");
        EventOutcome outcome = convert(big);
        assertThat(outcome).isInstanceOf(EventOutcome.Rejected.class);
        EventOutcome.Rejected rejected = (EventOutcome.Rejected) outcome;
        assertThat(rejected.rejection().reason()).isEqualTo(DeadLetterReason.EVENT_TOO_LARGE);
        assertThat(rejected.rejection().message())
                .isEqualTo("event is " + quoted(big).length() + " bytes; the limit is 2000 (limits.max-event-bytes)");
        assertThat(rejected.family()).contains(EventFamily.DEVICE);
        assertThat(rejected.original()).isEqualTo(quoted(big).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noMessageQuotesAValue() throws Exception {
        String secret = "user-8812";
        for (String json : List.of(DEVICE.replace("'region':'cn-north'", "'region':'" + secret + "'"),
                DEVICE.replace("'battery_level':81", "'battery_level':'" + secret + "'"),
                DEVICE.replace("'os_name':'Android'", "'os_name':'" + "x".repeat(30) + secret + "'"),
                DEVICE.replace("'Pixel 9'", "['" + secret + "']"))) {
            assertThat(rejection(json).message()).doesNotContain("8812");
        }
    }
}
