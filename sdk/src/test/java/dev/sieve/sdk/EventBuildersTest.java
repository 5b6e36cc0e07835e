package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBuildersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:15:30.123456Z"), ZoneOffset.UTC);

    @Test
    void buildNamesTheFirstMissingRequiredField() {
        assertThatThrownBy(() -> new DeviceEventBuilder(CLOCK).deviceModel("Pixel 9").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("osName is required for a device event");
        assertThatThrownBy(() -> new ServiceLogEventBuilder(CLOCK).build())
                .hasMessage("action is required for a service_log event");
        assertThatThrownBy(() -> new CommunicationLogEventBuilder(CLOCK).peerAccount("p").channel(CommunicationChannel.CALL)
                .direction(CommunicationDirection.INCOMING).startedAt(Instant.EPOCH).build())
                .hasMessage("durationMs is required for a communication_log event");
    }

    @Test
    void settersOfRequiredFieldsRefuseNullByName() {
        assertThatThrownBy(() -> new IpEventBuilder(CLOCK).ipAddress(null))
                .isInstanceOf(NullPointerException.class).hasMessage("ipAddress");
        assertThatThrownBy(() -> new SoftwareEventBuilder(CLOCK).otherSoftware(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("otherSoftware[1]");
        assertThatThrownBy(() -> new IpEventBuilder(CLOCK).eventId(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("eventId must not be blank");
    }

    @Test
    void anEventIdIsOneTo128VisibleAsciiCharactersAsTheCollectorRequires() {
        String message = "eventId must be 1 to 128 visible ASCII characters (no spaces or control characters),"
                + " such as a UUID";
        for (String bad : List.of("order 42", "e\u00e9", "tab\t", "a".repeat(129))) {
            assertThatThrownBy(() -> new IpEventBuilder(CLOCK).eventId(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        }
        assertThat(new IpEventBuilder(CLOCK).eventId("a".repeat(128)).ipAddress("192.0.2.1").build().eventId())
                .hasSize(128);
        assertThat(new IpEventBuilder(CLOCK).eventId("!~").ipAddress("192.0.2.1").build().eventId()).isEqualTo("!~");
    }

    @Test
    void defaultsToARandomIdAndTheClockKeptToTheMillisecond() {
        SieveEvent a = new IpEventBuilder(CLOCK).ipAddress("192.0.2.1").build();
        SieveEvent b = new IpEventBuilder(CLOCK).ipAddress("192.0.2.1").build();
        assertThat(a.eventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(a.eventId()).isNotEqualTo(b.eventId());
        assertThat(a.eventTime()).isEqualTo(Instant.parse("2026-11-29T08:15:30.123Z"));
    }

    @Test
    void leavesUnsetOptionalFieldsOutAndDefaultsOtherSoftwareToEmpty() {
        SieveEvent e = new SoftwareEventBuilder(CLOCK).softwareName("notes").softwareVersion("4.2.1").build();
        assertThat(e.fields()).containsExactly(
                java.util.Map.entry("software_name", "notes"),
                java.util.Map.entry("software_version", "4.2.1"),
                java.util.Map.entry("other_software", List.of()));
    }

    @Test
    void toStringShowsNoFieldValues() {
        SieveEvent e = new IpEventBuilder(CLOCK).eventId("e-1").ipAddress("192.0.2.1").subjectId("user-8812").build();
        assertThat(e.toString()).isEqualTo("SieveEvent[ip e-1]");
    }
}
