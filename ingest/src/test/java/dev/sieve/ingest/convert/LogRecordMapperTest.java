package dev.sieve.ingest.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.model.Rejection;
import dev.sieve.schemas.topic.DeadLetterReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRecordMapperTest {

    private static final long TIME_NANOS = 1_795_940_130_123_456_789L;
    private final LogRecordMapper mapper = new LogRecordMapper();

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private static ExportLogsServiceRequest request(LogRecord... records) {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(attr("service.name", "notes"))
                        .addAttributes(attr("service.version", "4.2.1"))
                        .addAttributes(attr("telemetry.sdk.name", "opentelemetry"))
                        .addAttributes(attr("telemetry.sdk.version", "1.68.0"))
                        .addAttributes(attr("sieve.region", "cn-north"))
                        .addAttributes(attr("device.id", "dev-5c1f")))
                .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records))))
                .build();
    }

    @Test
    void mapsAFailureRecordToAServiceLogEventInTheWireFormat() throws Exception {
        // Compared as text: the exact JSON the converter will read, field order included.
        LogRecord failure = LogRecord.newBuilder()
                .setTimeUnixNano(TIME_NANOS)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
                .setBody(AnyValue.newBuilder().setStringValue("sync failed for alice@example.com"))
                .addAttributes(attr("sieve.event_id", "e-1"))
                .addAttributes(attr("user.id", "user-8812"))
                .addAttributes(attr("exception.type", "java.net.SocketTimeoutException"))
                .addAttributes(attr("url.full", "https://app.example.com/notes/42"))
                .addAttributes(attr("sieve.duration_ms", 412))
                .addAttributes(attr("thread.name", "main"))
                .build();

        List<LogRecordMapper.MappedRecord> mapped = mapper.map(request(failure), "notes");

        assertThat(mapped).hasSize(1);
        assertThat(mapped.get(0).location()).isEqualTo("resourceLogs[0].scopeLogs[0].logRecords[0]");
        assertThat(mapped.get(0).wire().toString()).isEqualTo(("{'family':'service_log','event':{"
                + "'envelope':{'event_id':'e-1','event_time':'2026-11-29T08:15:30.123Z','app_id':'notes',"
                + "'app_version':'4.2.1','sdk_version':'opentelemetry/1.68.0','region':'cn-north',"
                + "'subject_id':'user-8812','device_id':'dev-5c1f'},"
                + "'action':'FAILURE','page_url':'https://app.example.com/notes/42',"
                + "'failure_code':'java.net.SocketTimeoutException',"
                + "'failure_message':'sync failed for alice@example.com','duration_ms':412}}").replace('\'', '"'));
        assertThat(ExportLogsServiceRequest.parseFrom(mapped.get(0).original())).isEqualTo(request(failure));
    }

    @Test
    void belowWarnARecordIsAViewWhoseBodyIsNotCollected() {
        LogRecord info = LogRecord.newBuilder().setObservedTimeUnixNano(TIME_NANOS)
                .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
                .setBody(AnyValue.newBuilder().setStringValue("opened settings")).build();
        LogRecord warn = info.toBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN).build();
        LogRecord search = info.toBuilder().addAttributes(attr("sieve.action", "SEARCH"))
                .addAttributes(attr("sieve.search_query", "alice")).build();

        List<LogRecordMapper.MappedRecord> mapped = mapper.map(request(info, warn, search), "notes");

        assertThat(mapped.get(0).wire().path("event").path("action").textValue()).isEqualTo("VIEW");
        assertThat(mapped.get(0).wire().path("event").has("failure_message")).isFalse();
        assertThat(mapped.get(0).wire().path("event").path("envelope").path("event_time").textValue())
                .isEqualTo("2026-11-29T08:15:30.123Z");
        assertThat(mapped.get(1).wire().path("event").path("action").textValue()).isEqualTo("FAILURE");
        assertThat(mapped.get(1).wire().path("event").path("failure_message").textValue()).isEqualTo("opened settings");
        assertThat(mapped.get(2).wire().path("event").path("action").textValue()).isEqualTo("SEARCH");
        assertThat(mapped.get(2).wire().path("event").path("search_query").textValue()).isEqualTo("alice");
        assertThat(mapped.get(2).location()).isEqualTo("resourceLogs[0].scopeLogs[0].logRecords[2]");
    }

    @Test
    void withoutAnEventIdTheSameRecordGetsTheSameDerivedId() {
        LogRecord record = LogRecord.newBuilder().setTimeUnixNano(TIME_NANOS).build();
        LogRecord other = record.toBuilder().setTimeUnixNano(TIME_NANOS + 1).build();
        String first = eventId(mapper.map(request(record), "notes").get(0));
        String again = eventId(mapper.map(request(record), "notes").get(0));
        String different = eventId(mapper.map(request(other), "notes").get(0));

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(again).isEqualTo(first);
        assertThat(different).isNotEqualTo(first);
    }

    @Test
    void explainsARejectionInOtlpTerms() {
        Rejection region = new Rejection(DeadLetterReason.UNKNOWN_REGION, "event.envelope.region",
                "not a region of the policy; expected one of cn-north, cn-east");
        assertThat(LogRecordMapper.explain(region, "resourceLogs[1].scopeLogs[0].logRecords[3]").message())
                .isEqualTo("resourceLogs[1].scopeLogs[0].logRecords[3]: resource attribute sieve.region: not a region"
                        + " of the policy; expected one of cn-north, cn-east");
        Rejection size = new Rejection(DeadLetterReason.EVENT_TOO_LARGE, "", "event is 9 bytes; the limit is 8");
        assertThat(LogRecordMapper.explain(size, "resourceLogs[0].scopeLogs[0].logRecords[0]").message())
                .isEqualTo("resourceLogs[0].scopeLogs[0].logRecords[0]: event is 9 bytes; the limit is 8");
    }

    private static String eventId(LogRecordMapper.MappedRecord r) {
        return r.wire().path("event").path("envelope").path("event_id").textValue();
    }
}
