package dev.sieve.ingest;

import static dev.sieve.ingest.TestBed.json;
import static dev.sieve.ingest.TestBed.utf8;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UnknownFieldSet;
import dev.sieve.ingest.config.Limits;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.ServiceAction;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OTLP/HTTP logs: a real OpenTelemetry Java SDK, and hand-written OTLP JSON, into sieve.raw.service_log. */
class OtlpLogsIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Instant EVENT_TIME = Instant.parse("2026-11-29T08:15:30.123Z");
    private static Collector collector;

    @BeforeAll
    static void start() throws Exception {
        TestBed.createTopics(KAFKA);
        collector = Collector.start(TestBed.config(KAFKA, Limits.defaults()));
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    private static List<ServiceLogEvent> serviceLogsOf(String deviceId) {
        return TestBed.readRaw(KAFKA, EventFamily.SERVICE_LOG).stream()
                .filter(r -> deviceId.equals(r.key()))
                .map(ConsumerRecord::value)
                .map(ServiceLogEvent.class::cast)
                .toList();
    }

    @Test
    void logsFromTheOpenTelemetrySdkArriveAsServiceLogEvents() {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put("service.name", "notes").put("service.version", "4.2.1")
                .put("sieve.region", "cn-north").put("device.id", "dev-otel").build()));
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint("http://127.0.0.1:" + collector.port() + "/v1/logs")
                .addHeader("Authorization", "Bearer " + TestBed.API_KEY)
                .setCompression("gzip")
                .build();
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build();
        try {
            Logger logger = provider.get("dev.sieve.ingest.it");
            logger.logRecordBuilder().setTimestamp(EVENT_TIME).setSeverity(Severity.ERROR)
                    .setBody("sync failed for alice@example.com")
                    .setAttribute(stringKey("sieve.event_id"), "otel-1")
                    .setAttribute(stringKey("user.id"), "user-8812")
                    .setAttribute(stringKey("exception.type"), "java.net.SocketTimeoutException")
                    .setAttribute(stringKey("thread.name"), "main")
                    .emit();
            logger.logRecordBuilder().setTimestamp(EVENT_TIME).setSeverity(Severity.INFO).setBody("searched")
                    .setAttribute(stringKey("sieve.event_id"), "otel-2")
                    .setAttribute(stringKey("sieve.action"), "SEARCH")
                    .setAttribute(stringKey("sieve.search_query"), "alice")
                    .setAttribute(longKey("sieve.duration_ms"), 35L)
                    .emit();
            assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }

        List<ServiceLogEvent> events = serviceLogsOf("dev-otel");
        assertThat(events).hasSize(2);
        String sdk = "opentelemetry/" + resource.getAttribute(stringKey("telemetry.sdk.version"));
        Envelope.Builder envelope = Envelope.newBuilder().setEventTime(EVENT_TIME).setAppId("notes")
                .setAppVersion("4.2.1").setSdkVersion(sdk).setRegion("cn-north").setDeviceId("dev-otel");
        assertThat(events.get(0)).isEqualTo(ServiceLogEvent.newBuilder()
                .setEnvelope(envelope.setEventId("otel-1").setSubjectId("user-8812")
                        .setReceivedTime(events.get(0).getEnvelope().getReceivedTime()).build())
                .setAction(ServiceAction.FAILURE).setFailureCode("java.net.SocketTimeoutException")
                .setFailureMessage("sync failed for alice@example.com").build());
        assertThat(events.get(1)).isEqualTo(ServiceLogEvent.newBuilder()
                .setEnvelope(envelope.setEventId("otel-2").setSubjectId(null)
                        .setReceivedTime(events.get(1).getEnvelope().getReceivedTime()).build())
                .setAction(ServiceAction.SEARCH).setSearchQuery("alice").setDurationMs(35L).build());
        assertThat(events.get(0).getEnvelope().getReceivedTime()).isNotNull();
    }

    @Test
    void otlpJsonIsAcceptedAndAnInvalidRecordIsReportedAsPartialSuccessAndDeadLettered() throws Exception {
        int dlqBefore = TestBed.readDeadLetters(KAFKA).size();
        String body = json("{'resourceLogs':[{'resource':{'attributes':["
                + "{'key':'service.version','value':{'stringValue':'2.0.0'}},"
                + "{'key':'sieve.region','value':{'stringValue':'cn-east'}},"
                + "{'key':'device.id','value':{'stringValue':'dev-json'}}]},"
                + "'scopeLogs':[{'scope':{'name':'json-test'},'logRecords':["
                + "{'timeUnixNano':'1795940130123000000','severityNumber':9,'body':{'stringValue':'opened'},"
                + "'traceId':'5b8efff798038103d269b633813fc60c','spanId':'eee19b7ec3c1b174',"
                + "'attributes':[{'key':'sieve.event_id','value':{'stringValue':'otlp-json-1'}},"
                + "{'key':'url.full','value':{'stringValue':'https://app.example.com/x'}}]},"
                + "{'timeUnixNano':'1795940130123000000','severityNumber':17,"
                + "'attributes':[{'key':'sieve.event_id','value':{'stringValue':'otlp-json-2'}},"
                + "{'key':'sieve.action','value':{'stringValue':'JUMP'}}]}]}]}]}");

        HttpResponse<String> response = TestBed.post(collector.port(), "/v1/logs", "application/json",
                TestBed.API_KEY, utf8(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(response.body()).isEqualTo(json("{'partialSuccess':{'rejectedLogRecords':'1','errorMessage':"
                + "'resourceLogs[0].scopeLogs[0].logRecords[1]: attribute sieve.action: must be one of SEARCH, VIEW,"
                + " FAILURE'}}"));
        assertThat(serviceLogsOf("dev-json")).containsExactly(ServiceLogEvent.newBuilder()
                .setEnvelope(Envelope.newBuilder().setEventId("otlp-json-1").setEventTime(EVENT_TIME)
                        .setReceivedTime(serviceLogsOf("dev-json").get(0).getEnvelope().getReceivedTime())
                        .setAppId("notes").setAppVersion("2.0.0").setSdkVersion("otlp").setRegion("cn-east")
                        .setDeviceId("dev-json").build())
                .setAction(ServiceAction.VIEW).setPageUrl("https://app.example.com/x").build());

        List<ConsumerRecord<byte[], byte[]>> letters = TestBed.readDeadLetters(KAFKA);
        assertThat(letters.subList(dlqBefore, letters.size())).singleElement().satisfies(r -> {
            ExportLogsServiceRequest kept = ExportLogsServiceRequest.parseFrom(r.value());
            assertThat(kept.getResourceLogs(0).getScopeLogs(0).getLogRecordsList()).singleElement()
                    .satisfies(l -> assertThat(l.getAttributes(0).getValue().getStringValue()).isEqualTo("otlp-json-2"));
            assertThat(kept.getResourceLogs(0).getResource().getAttributesCount()).isEqualTo(3);
            assertThat(TestBed.header(r, Topics.HEADER_DLQ_REASON)).isEqualTo("invalid_value");
            assertThat(TestBed.header(r, Topics.HEADER_DLQ_DETAIL)).isEqualTo("resourceLogs[0].scopeLogs[0]"
                    + ".logRecords[1]: attribute sieve.action: must be one of SEARCH, VIEW, FAILURE");
        });
    }

    @Test
    void errorsAreAnsweredAsRpcStatusInTheRequestsEncoding() throws Exception {
        int dlqBefore = TestBed.readDeadLetters(KAFKA).size();
        byte[] notProtobuf = "not protobuf".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> malformed = TestBed.postBytes(collector.port(), "/v1/logs", "application/x-protobuf",
                TestBed.API_KEY, notProtobuf);

        assertThat(malformed.statusCode()).isEqualTo(400);
        UnknownFieldSet status = UnknownFieldSet.parseFrom(malformed.body());
        assertThat(status.getField(1).getVarintList()).containsExactly(3L);
        assertThat(status.getField(2).getLengthDelimitedList().get(0).toStringUtf8())
                .isEqualTo("body is not an OTLP ExportLogsServiceRequest in application/x-protobuf");
        List<ConsumerRecord<byte[], byte[]>> letters = TestBed.readDeadLetters(KAFKA);
        assertThat(letters.subList(dlqBefore, letters.size())).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(notProtobuf);
            assertThat(TestBed.header(r, Topics.HEADER_DLQ_REASON)).isEqualTo("malformed_otlp");
        });

        HttpResponse<String> unauthorized = TestBed.post(collector.port(), "/v1/logs", "application/json", null,
                utf8("{}"));
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.body()).isEqualTo(
                "{\"code\":16,\"message\":\"missing API key: send Authorization: Bearer <key>\"}");
        HttpResponse<String> wrongType = TestBed.post(collector.port(), "/v1/logs", "text/plain", TestBed.API_KEY,
                utf8("{}"));
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }
}
