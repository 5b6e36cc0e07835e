package dev.sieve.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.decode.OtlpLogsDecoder.Encoding;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.DeadLetterReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIntakeTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T08:15:31Z");
    private static final String DEVICE = q("{'family':'device','event':{'envelope':{'event_id':'e-1',"
            + "'event_time':'2026-11-29T08:15:30.123Z','app_id':'notes','app_version':'4.2.1','sdk_version':'0.1.0',"
            + "'region':'cn-north','device_id':'dev-5c1f'},'device_model':'Pixel 9','os_name':'Android',"
            + "'os_version':'16.0.1'}}");
    private static final String UNKNOWN_FAMILY = q("{'family':'weather','event':{}}");
    /** One event a batch: a request of two is over it. */
    private static final Limits ONE_A_BATCH = new Limits(1_000_000, 1, 2_000, 200);

    private final Policy policy;
    private final EventIntake intake;

    EventIntakeTest() throws Exception {
        policy = PolicyLoader.loadDefault();
        intake = new EventIntake(policy, Limits.defaults());
    }

    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static byte[] batch(String... events) {
        return ("{\"events\":[" + String.join(",", events) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static ExportLogsServiceRequest logs(int records, String region) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int i = 0; i < records; i++) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_795_940_130_123_456_789L)
                    .setBody(AnyValue.newBuilder().setStringValue("sync failed"))
                    .addAttributes(attr("sieve.event_id", "e-" + i)));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.version", "4.2.1"))
                        .addAttributes(attr("sieve.region", region)))
                .addScopeLogs(scope)).build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    @Test
    void aBatchIsCountedWhenReadAndEachEventJudgedInRequestOrder() throws Exception {
        EventIntake.Batch read = intake.events("notes", RECEIVED, batch(UNKNOWN_FAMILY, DEVICE));

        assertThat(read.size()).isEqualTo(2);
        List<EventOutcome> outcomes = read.judge();
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(EventOutcome.Rejected.class, r ->
                assertThat(r.rejection().reason()).isEqualTo(DeadLetterReason.UNKNOWN_FAMILY));
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(EventOutcome.Accepted.class, a ->
                assertThat(a.eventFamily()).isEqualTo(EventFamily.DEVICE));
    }

    @Test
    void aLogRecordIsAServiceLogEventAndItsRejectionNamesTheRecord() throws Exception {
        byte[] body = logs(2, "atlantis").toByteArray();

        EventIntake.Batch read = intake.logs("notes", RECEIVED, body, Encoding.PROTOBUF);

        assertThat(read.size()).isEqualTo(2);
        assertThat(read.judge()).allSatisfy(o -> assertThat(o)
                .isInstanceOfSatisfying(EventOutcome.Rejected.class, r -> {
                    assertThat(r.family()).contains(EventFamily.SERVICE_LOG);
                    assertThat(r.rejection().reason()).isEqualTo(DeadLetterReason.UNKNOWN_REGION);
                    assertThat(r.rejection().path()).startsWith("resourceLogs[0].scopeLogs[0].logRecords[");
                }));
        assertThat(intake.logs("notes", RECEIVED, logs(1, "cn-north").toByteArray(), Encoding.PROTOBUF).judge())
                .singleElement().isInstanceOf(EventOutcome.Accepted.class);
    }

    @Test
    void theBatchLimitRefusesEventsAndLogRecordsAlikeButNotForDeadLetters() throws Exception {
        EventIntake limited = new EventIntake(policy, ONE_A_BATCH);

        assertThatThrownBy(() -> limited.events("notes", RECEIVED, batch(DEVICE, DEVICE)))
                .isInstanceOfSatisfying(RequestRefusedException.class, e ->
                        assertThat(e.status()).isEqualTo(RequestRefusedException.Status.PAYLOAD_TOO_LARGE))
                .hasMessage("batch has more than 1 events; the limit is 1 (limits.max-events-per-batch)");
        assertThatThrownBy(() -> limited.logs("notes", RECEIVED, logs(2, "cn-north").toByteArray(), Encoding.PROTOBUF))
                .isInstanceOfSatisfying(RequestRefusedException.class, e ->
                        assertThat(e.status()).isEqualTo(RequestRefusedException.Status.PAYLOAD_TOO_LARGE))
                .hasMessage("request has more than 1 log records; the limit is 1 (limits.max-events-per-batch)");

        EventIntake replay = EventIntake.withoutBatchLimit(policy, ONE_A_BATCH);
        assertThat(replay.deadLetter("notes", RECEIVED, DeadLetterReason.INVALID_BATCH, batch(DEVICE, DEVICE))
                .orElseThrow().judge()).hasSize(2).allMatch(o -> o instanceof EventOutcome.Accepted);
    }

    @Test
    void aDeadLetterIsReadInTheFormItsReasonTells() throws Exception {
        byte[] item = DEVICE.getBytes(StandardCharsets.UTF_8);
        assertThat(intake.deadLetter("notes", RECEIVED, DeadLetterReason.STRING_TOO_LONG, item).orElseThrow().judge())
                .as("one JSON item of a batch").singleElement().isInstanceOf(EventOutcome.Accepted.class);

        byte[] record = logs(1, "cn-north").toByteArray();
        assertThat(record[0]).as("an OTLP request starts with field 1's tag").isEqualTo((byte) 0x0A);
        assertThat(intake.deadLetter("notes", RECEIVED, DeadLetterReason.UNKNOWN_REGION, record).orElseThrow().judge())
                .as("a one-record OTLP request").singleElement().isInstanceOfSatisfying(EventOutcome.Accepted.class,
                        a -> assertThat(a.eventFamily()).isEqualTo(EventFamily.SERVICE_LOG));

        assertThat(intake.deadLetter("notes", RECEIVED, DeadLetterReason.MALFORMED_JSON, batch(DEVICE, DEVICE))
                .orElseThrow().size()).as("a whole body").isEqualTo(2);

        assertThat(intake.deadLetter("notes", RECEIVED, DeadLetterReason.MALFORMED_GZIP, item)).isEmpty();
        assertThat(intake.deadLetter("notes", RECEIVED, DeadLetterReason.MALFORMED_OTLP, record)).isEmpty();
    }

    @Test
    void aStillUnreadableDeadLetterIsRefusedWithItsBodyForTheDeadLetterTopic() {
        byte[] garbage = "{\"events\":[".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> intake.deadLetter("notes", RECEIVED, DeadLetterReason.MALFORMED_JSON, garbage))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> {
                    assertThat(e.deadLetter()).isPresent();
                    assertThat(e.deadLetter().get().reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
                    assertThat(e.deadLetter().get().body()).isEqualTo(garbage);
                });
    }
}
