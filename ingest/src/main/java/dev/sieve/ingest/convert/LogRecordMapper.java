package dev.sieve.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.ingest.model.Rejection;
import dev.sieve.schemas.contract.EventFamily;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps OTLP log records to {@code service_log} events in the collector's JSON wire format, so they are judged
 * by the same {@link EventConverter} as events sent with the SDK. Only ingest's mapping happens here: text is
 * carried as it came (scrubbing free text is the anonymize stage's job, per purpose).
 *
 * <pre>
 * service_log field        from the OTLP log record
 * envelope.event_id        attribute sieve.event_id; else a UUID derived from the record (with its resource and
 *                          scope), so an exporter's retry of the same record carries the same id
 * envelope.event_time      time_unix_nano, else observed_time_unix_nano (to the millisecond)
 * envelope.app_id          the app of the API key
 * envelope.app_version     resource attribute service.version
 * envelope.sdk_version     resource attributes telemetry.sdk.name/telemetry.sdk.version, else "otlp"
 * envelope.region          resource attribute sieve.region
 * envelope.subject_id      attribute user.id
 * envelope.device_id       resource attribute device.id
 * action                   attribute sieve.action; else FAILURE for severity WARN and above, VIEW below
 * search_query             attribute sieve.search_query
 * page_url                 attribute url.full
 * referrer_url             attribute sieve.referrer_url
 * failure_code             attribute exception.type
 * failure_message          the body, when the action is FAILURE
 * duration_ms              attribute sieve.duration_ms (an integer)
 * </pre>
 *
 * Other attributes, and the body of records that are not failures, are not collected.
 */
public final class LogRecordMapper {

    private static final String FAMILY = EventFamily.SERVICE_LOG.id();
    private static final String OTLP_SDK_VERSION = "otlp";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** Where each wire field comes from, to explain rejections in OTLP's terms. */
    private static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("event.envelope.event_id", "attribute sieve.event_id"),
            Map.entry("event.envelope.event_time", "time_unix_nano (or observed_time_unix_nano)"),
            Map.entry("event.envelope.app_version", "resource attribute service.version"),
            Map.entry("event.envelope.sdk_version", "resource attribute telemetry.sdk.version"),
            Map.entry("event.envelope.region", "resource attribute sieve.region"),
            Map.entry("event.envelope.subject_id", "attribute user.id"),
            Map.entry("event.envelope.device_id", "resource attribute device.id"),
            Map.entry("event.action", "attribute sieve.action"),
            Map.entry("event.search_query", "attribute sieve.search_query"),
            Map.entry("event.page_url", "attribute url.full"),
            Map.entry("event.referrer_url", "attribute sieve.referrer_url"),
            Map.entry("event.failure_code", "attribute exception.type"),
            Map.entry("event.failure_message", "body"),
            Map.entry("event.duration_ms", "attribute sieve.duration_ms"));

    private final JsonNodeFactory json = JsonNodeFactory.instance;

    /**
     * One log record as an event of the wire format.
     *
     * @param location the record's place in the request, e.g. {@code resourceLogs[0].scopeLogs[1].logRecords[2]}
     * @param wire     the event in the wire format
     * @param original the record alone, as a one-record export request in protobuf: what the dead-letter topic
     *                 keeps, and what can be sent to {@code /v1/logs} again
     */
    public record MappedRecord(String location, JsonNode wire, byte[] original) {}

    /** Every log record of the request, in order. */
    public List<MappedRecord> map(ExportLogsServiceRequest request, String appId) {
        List<MappedRecord> out = new ArrayList<>();
        for (int r = 0; r < request.getResourceLogsCount(); r++) {
            ResourceLogs resourceLogs = request.getResourceLogs(r);
            List<KeyValue> resource = resourceLogs.getResource().getAttributesList();
            for (int s = 0; s < resourceLogs.getScopeLogsCount(); s++) {
                ScopeLogs scopeLogs = resourceLogs.getScopeLogs(s);
                for (int l = 0; l < scopeLogs.getLogRecordsCount(); l++) {
                    LogRecord record = scopeLogs.getLogRecords(l);
                    byte[] original = ExportLogsServiceRequest.newBuilder()
                            .addResourceLogs(ResourceLogs.newBuilder(resourceLogs).clearScopeLogs()
                                    .addScopeLogs(ScopeLogs.newBuilder(scopeLogs).clearLogRecords().addLogRecords(record)))
                            .build().toByteArray();
                    String location = "resourceLogs[" + r + "].scopeLogs[" + s + "].logRecords[" + l + "]";
                    out.add(new MappedRecord(location, wire(appId, resource, record, original), original));
                }
            }
        }
        return out;
    }

    /** Restates a rejection of a mapped record in OTLP's terms: the record's location and the field's source. */
    public static Rejection explain(Rejection rejection, String location) {
        String source = SOURCES.get(rejection.path());
        String problem = source == null ? rejection.message() : source + ": " + rejection.problem();
        return new Rejection(rejection.reason(), location, problem);
    }

    private JsonNode wire(String appId, List<KeyValue> resource, LogRecord record, byte[] original) {
        ObjectNode envelope = json.objectNode();
        JsonNode eventId = attribute(record.getAttributesList(), "sieve.event_id");
        envelope.set("event_id", eventId != null ? eventId : json.textNode(UUID.nameUUIDFromBytes(original).toString()));
        long nanos = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
        if (nanos != 0) {
            // OTLP times are unsigned 64-bit nanoseconds.
            envelope.put("event_time", Instant.ofEpochMilli(Long.divideUnsigned(nanos, NANOS_PER_MILLI)).toString());
        }
        envelope.put("app_id", appId);
        putIfPresent(envelope, "app_version", attribute(resource, "service.version"));
        envelope.set("sdk_version", sdkVersion(resource));
        putIfPresent(envelope, "region", attribute(resource, "sieve.region"));
        putIfPresent(envelope, "subject_id", attribute(record.getAttributesList(), "user.id"));
        putIfPresent(envelope, "device_id", attribute(resource, "device.id"));

        ObjectNode event = json.objectNode();
        event.set(EventFamily.ENVELOPE_FIELD, envelope);
        JsonNode action = attribute(record.getAttributesList(), "sieve.action");
        if (action == null) {
            action = json.textNode(record.getSeverityNumberValue() >= SeverityNumber.SEVERITY_NUMBER_WARN_VALUE
                    ? "FAILURE" : "VIEW");
        }
        event.set("action", action);
        putIfPresent(event, "search_query", attribute(record.getAttributesList(), "sieve.search_query"));
        putIfPresent(event, "page_url", attribute(record.getAttributesList(), "url.full"));
        putIfPresent(event, "referrer_url", attribute(record.getAttributesList(), "sieve.referrer_url"));
        putIfPresent(event, "failure_code", attribute(record.getAttributesList(), "exception.type"));
        if ("FAILURE".equals(action.asText()) && record.hasBody()) {
            JsonNode body = value(record.getBody());
            event.put("failure_message", body.isTextual() ? body.textValue() : body.toString());
        }
        putIfPresent(event, "duration_ms", attribute(record.getAttributesList(), "sieve.duration_ms"));

        ObjectNode item = json.objectNode();
        item.put(EventConverter.FAMILY_FIELD, FAMILY);
        item.set(EventConverter.EVENT_FIELD, event);
        return item;
    }

    private JsonNode sdkVersion(List<KeyValue> resource) {
        JsonNode name = attribute(resource, "telemetry.sdk.name");
        JsonNode version = attribute(resource, "telemetry.sdk.version");
        if (name == null || version == null) {
            return json.textNode(OTLP_SDK_VERSION);
        }
        return json.textNode(name.asText() + "/" + version.asText());
    }

    private JsonNode attribute(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                return value(kv.getValue());
            }
        }
        return null;
    }

    /** An OTLP value as JSON of the same type, so the converter's type checks speak of what was sent. */
    private JsonNode value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> json.textNode(v.getStringValue());
            case INT_VALUE -> json.numberNode(v.getIntValue());
            case DOUBLE_VALUE -> json.numberNode(v.getDoubleValue());
            case BOOL_VALUE -> json.booleanNode(v.getBoolValue());
            // JSON has no bytes; base64 is how OTLP's own JSON encoding writes them.
            case BYTES_VALUE -> json.textNode(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode array = json.arrayNode();
                v.getArrayValue().getValuesList().forEach(item -> array.add(value(item)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = json.objectNode();
                v.getKvlistValue().getValuesList().forEach(kv -> object.set(kv.getKey(), value(kv.getValue())));
                yield object;
            }
            // String-table references belong to the profiles signal; a logs request has no table to resolve them.
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> json.nullNode();
        };
    }

    private static void putIfPresent(ObjectNode node, String name, JsonNode value) {
        if (value != null) {
            node.set(name, value);
        }
    }
}
