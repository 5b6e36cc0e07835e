package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class BatchEncoderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:15:30.123456Z"), ZoneOffset.UTC);
    private final BatchEncoder encoder = new BatchEncoder("notes", "4.2.1", "0.1.0", "cn-north", "dev-5c1f", false);

    @Test
    void writesTheEnvelopeThenTheFamilyFieldsByWireName() {
        SieveEvent device = new DeviceEventBuilder(CLOCK).eventId("e-1").deviceModel("Pixel 9").osName("Android")
                .osVersion("16.0.1").batteryLevel(81).build();
        assertThat(encoder.json(List.of(device))).isEqualTo("{\"events\":[{\"family\":\"device\",\"event\":{"
                + "\"envelope\":{\"event_id\":\"e-1\",\"event_time\":\"2026-11-29T08:15:30.123Z\",\"app_id\":\"notes\","
                + "\"app_version\":\"4.2.1\",\"sdk_version\":\"0.1.0\",\"region\":\"cn-north\",\"device_id\":\"dev-5c1f\"},"
                + "\"device_model\":\"Pixel 9\",\"os_name\":\"Android\",\"os_version\":\"16.0.1\",\"battery_level\":81}}]}");
    }

    @Test
    void anEventsOwnRegionSubjectAndDeviceWinOverTheClients() {
        SieveEvent comm = new CommunicationLogEventBuilder(CLOCK).eventId("e-2").subjectId("user-8812")
                .deviceId("dev-other").region("cn-east").peerAccount("user-4471").channel(CommunicationChannel.CALL)
                .direction(CommunicationDirection.OUTGOING).startedAt(Instant.parse("2026-11-29T08:05:30Z"))
                .durationMs(183_000L).build();
        assertThat(encoder.json(List.of(comm))).isEqualTo("{\"events\":[{\"family\":\"communication_log\",\"event\":{"
                + "\"envelope\":{\"event_id\":\"e-2\",\"event_time\":\"2026-11-29T08:15:30.123Z\",\"app_id\":\"notes\","
                + "\"app_version\":\"4.2.1\",\"sdk_version\":\"0.1.0\",\"region\":\"cn-east\",\"subject_id\":\"user-8812\","
                + "\"device_id\":\"dev-other\"},\"peer_account\":\"user-4471\",\"channel\":\"CALL\",\"direction\":\"OUTGOING\","
                + "\"started_at\":\"2026-11-29T08:05:30Z\",\"duration_ms\":183000}}]}");
    }

    @Test
    void escapesWhatJsonStringsCannotHoldAndWritesLists() {
        SieveEvent software = new SoftwareEventBuilder(CLOCK).eventId("e-3").softwareName("say \"hi\"\\\n\t\u0001")
                .softwareVersion("1").otherSoftware(List.of("a", "b")).build();
        assertThat(encoder.json(List.of(software))).contains(
                "\"software_name\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001\",\"software_version\":\"1\","
                        + "\"other_software\":[\"a\",\"b\"]}");
    }

    @Test
    void separatesEventsOfABatch() {
        SieveEvent a = new IpEventBuilder(CLOCK).eventId("a").ipAddress("192.0.2.1").build();
        SieveEvent b = new ServiceLogEventBuilder(CLOCK).eventId("b").action(ServiceAction.VIEW).durationMs(4L).build();
        assertThat(encoder.json(List.of(a, b)))
                .contains("\"ip_address\":\"192.0.2.1\"}},{\"family\":\"service_log\"")
                .endsWith("\"action\":\"VIEW\",\"duration_ms\":4}}]}");
    }

    @Test
    void gzipsWhenAskedTo() throws IOException {
        BatchEncoder gzip = new BatchEncoder("notes", "4.2.1", "0.1.0", "cn-north", null, true);
        List<SieveEvent> events = List.of(new IpEventBuilder(CLOCK).eventId("a").ipAddress("192.0.2.1").build());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.encode(events)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(gzip.json(events));
        }
    }
}
