package dev.sieve.anonymize.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.PipelineDriver;
import dev.sieve.schemas.pseudonym.TestSalts;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Analytics' monthly device pseudonyms through the anonymize topology (processing time: 15 December 2026): one
 * pseudonym per device and month, unrelated ones across months, and a destroyed month's salt never used again.
 */
class RotatingPseudonymTopologyTest {

    private static final AtomicLong EVENTS = new AtomicLong();

    private static final Rotation.Period NOVEMBER = Rotation.MONTH.periodOf(Instant.parse("2026-11-15T00:00:00Z"));

    @Test
    void oneDeviceOnePseudonymPerMonthAndADestroyedMonthIsGone() throws Exception {
        try (PipelineDriver pipeline = new PipelineDriver()) {
            // November's salt still live (as during the overlap), December's and January's made ahead.
            pipeline.publishSalt(TestSalts.salt("analytics", NOVEMBER));
            String dec3 = analyticsDevice(pipeline, "dev-5c1f", "2026-12-03T10:00:00Z");
            String dec14 = analyticsDevice(pipeline, "dev-5c1f", "2026-12-14T23:59:00Z");
            String nov29 = analyticsDevice(pipeline, "dev-5c1f", "2026-11-29T08:00:00Z");
            String otherDevice = analyticsDevice(pipeline, "dev-0000", "2026-12-03T10:00:00Z");

            assertThat(dec3).startsWith("m2026-12:").isEqualTo(dec14);
            assertThat(nov29).startsWith("m2026-11:");
            assertThat(nov29.substring(9)).isNotEqualTo(dec3.substring(9));
            assertThat(otherDevice).startsWith("m2026-12:").isNotEqualTo(dec3);

            pipeline.destroySalt("analytics", NOVEMBER.id());
            assertThat(pipeline.saltStore().get(Topics.saltKey("analytics", NOVEMBER.id()))).isNull();
            assertThat(pipeline.saltStore().get(Topics.saltKey("analytics", "m2026-12"))).isNotNull();
            String lateNovember = analyticsDevice(pipeline, "dev-5c1f", "2026-11-29T08:00:00Z");
            assertThat(lateNovember).as("a November event after November's salt was destroyed").isEqualTo(dec3)
                    .isNotEqualTo(nov29);
        }
    }

    @Test
    void withoutASaltTheEventIsDeadLetteredNotLetThrough() throws Exception {
        try (PipelineDriver pipeline = new PipelineDriver(false)) {
            pipeline.send(EventFamily.IP, "dev-5c1f", SampleEvents.ip());

            assertThat(pipeline.read("analytics", EventFamily.IP)).isEmpty();
            assertThat(pipeline.read("security", EventFamily.IP)).as("nothing of the event goes anywhere").isEmpty();
            List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters(Stage.ANONYMIZE);
            assertThat(dead).hasSize(1);
            Header detail = dead.get(0).headers().lastHeader(Topics.HEADER_DLQ_DETAIL);
            assertThat(new String(detail.value(), StandardCharsets.UTF_8))
                    .isEqualTo("dev.sieve.schemas.pseudonym.SaltUnavailableException");
        }
    }

    /** Sends an IP event of {@code device} at {@code eventTime}; returns analytics' device_id of it. */
    private static String analyticsDevice(PipelineDriver pipeline, String device, String eventTime) {
        IpEvent event = SampleEvents.ip();
        event.getEnvelope().setEventId("ip-" + EVENTS.incrementAndGet()); // each its own event, not a retry
        event.getEnvelope().setDeviceId(device);
        event.getEnvelope().setEventTime(Instant.parse(eventTime));
        event.getEnvelope().setReceivedTime(Instant.parse(eventTime).plusSeconds(1));
        pipeline.send(EventFamily.IP, device, event);
        var out = pipeline.read("analytics", EventFamily.IP);
        assertThat(out).hasSize(1);
        return out.get(0).value().get("device_id").toString();
    }
}
