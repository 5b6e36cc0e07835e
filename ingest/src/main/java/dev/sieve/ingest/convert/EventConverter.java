package dev.sieve.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.decode.JsonTypes;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.Rejection;
import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Judges one event of the wire format, {@code {"family": "<family>", "event": {<envelope and family fields>}}},
 * and converts it to its family's Avro record. Beyond the schema ({@link JsonToAvro}) it checks what the
 * collector knows: the size limit, fields only the pipeline may set, that the app id is the API key's app and
 * that the region is one of the policy's. It sets {@code envelope.received_time} and picks the partition key.
 *
 * <p>Every rejection names the field path and the rule broken, never the value.
 */
public final class EventConverter {

    /**
     * Longest event id, in characters. The SDK's are UUIDs (36); the bound keeps one client from making every
     * copy of the id (the Kafka key of events without device or subject, the tables that keep it) large.
     */
    public static final int MAX_EVENT_ID_LENGTH = 128;
    /** Visible ASCII: no spaces, so no two ids differ only in white space that a later stage trims. */
    private static final Pattern EVENT_ID = Pattern.compile("[!-~]+");

    public static final String FAMILY_FIELD = "family";
    public static final String EVENT_FIELD = "event";
    private static final Set<String> ITEM_FIELDS = Set.of(FAMILY_FIELD, EVENT_FIELD);

    private final JsonToAvro jsonToAvro;
    private final Set<String> regions;
    private final int maxEventBytes;

    /**
     * @throws IllegalStateException if an event family uses an Avro type the converter cannot read
     */
    public EventConverter(Policy policy, Limits limits) {
        for (EventFamily family : EventFamily.values()) {
            JsonToAvro.checkSupported(family.schema(), family.id());
        }
        this.jsonToAvro = new JsonToAvro(limits.maxStringLength());
        this.regions = policy.regions().keySet();
        this.maxEventBytes = limits.maxEventBytes();
    }

    /**
     * @param appId      the app the request's API key belongs to
     * @param receivedAt when the collector received the request
     * @param item       one element of the batch's {@code events}
     * @param original   its bytes as received; their size is checked against {@code limits.max-event-bytes}
     */
    public EventOutcome convert(String appId, Instant receivedAt, JsonNode item, byte[] original) {
        Optional<EventFamily> family = item.isObject() && item.path(FAMILY_FIELD).isTextual()
                ? EventFamily.fromId(item.path(FAMILY_FIELD).textValue()) : Optional.empty();
        try {
            if (original.length > maxEventBytes) {
                throw new InvalidEventException(new Rejection(DeadLetterReason.EVENT_TOO_LARGE, "", "event is "
                        + original.length + " bytes; the limit is " + maxEventBytes + " ("
                        + CollectorConfigLoader.LIMITS_MAX_EVENT_BYTES + ")"));
            }
            EventFamily known = family(item);
            JsonNode event = item.get(EVENT_FIELD);
            if (event == null) {
                throw invalid(DeadLetterReason.MISSING_FIELD, EVENT_FIELD, "required field is missing");
            }
            if (!event.isObject()) {
                throw invalid(DeadLetterReason.WRONG_TYPE, EVENT_FIELD,
                        "expected an object, got " + JsonTypes.describe(event));
            }
            checkNoPipelineFields(known, event);
            SpecificRecord record = jsonToAvro.record(known.schema(), event, EVENT_FIELD);
            Envelope envelope = (Envelope) record.get(known.schema().getField(EventFamily.ENVELOPE_FIELD).pos());
            checkEnvelope(envelope, appId);
            envelope.setReceivedTime(receivedAt);
            return new EventOutcome.Accepted(known, PartitionKey.of(envelope), record);
        } catch (InvalidEventException e) {
            return new EventOutcome.Rejected(family, e.rejection(), original);
        }
    }

    private static EventFamily family(JsonNode item) throws InvalidEventException {
        if (!item.isObject()) {
            throw invalid(DeadLetterReason.WRONG_TYPE, "",
                    "expected an object {\"family\": ..., \"event\": {...}}, got " + JsonTypes.describe(item));
        }
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ITEM_FIELDS.contains(name)) {
                throw invalid(DeadLetterReason.UNKNOWN_FIELD, name,
                        "unknown field; an event has \"family\" and \"event\"");
            }
        }
        JsonNode family = item.get(FAMILY_FIELD);
        if (family == null) {
            throw invalid(DeadLetterReason.MISSING_FIELD, FAMILY_FIELD, "required field is missing");
        }
        if (!family.isTextual()) {
            throw invalid(DeadLetterReason.WRONG_TYPE, FAMILY_FIELD,
                    "expected a string, got " + JsonTypes.describe(family));
        }
        return EventFamily.fromId(family.textValue()).orElseThrow(() -> invalid(DeadLetterReason.UNKNOWN_FAMILY,
                FAMILY_FIELD, "not a family Sieve collects; expected one of " + String.join(", ", EventFamily.ids())));
    }

    private static void checkNoPipelineFields(EventFamily family, JsonNode event) throws InvalidEventException {
        // Accepting these from clients would let an app forge what later stages trust, consent above all.
        for (ContractField field : family.fields().values()) {
            if (!field.pipelineSet()) {
                continue;
            }
            String name = field.name();
            JsonNode holder = field.inEnvelope() ? event.path(EventFamily.ENVELOPE_FIELD) : event;
            if (holder.has(name)) {
                String path = EVENT_FIELD + (field.inEnvelope() ? "." + EventFamily.ENVELOPE_FIELD : "") + "."
                        + name;
                throw invalid(DeadLetterReason.PIPELINE_FIELD, path, "set by the pipeline; clients must not send it");
            }
        }
    }

    private void checkEnvelope(Envelope envelope, String appId) throws InvalidEventException {
        String at = EVENT_FIELD + "." + EventFamily.ENVELOPE_FIELD + ".";
        // Enrich drops repeats by (app_id, event_id): every event needs an id, short, and spelled one way only.
        String eventId = envelope.getEventId();
        if (eventId.isEmpty()) {
            throw invalid(DeadLetterReason.INVALID_VALUE, at + "event_id", "must not be empty");
        }
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw invalid(DeadLetterReason.INVALID_VALUE, at + "event_id",
                    "must be visible ASCII characters only (no spaces or control characters), such as a UUID");
        }
        if (eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw invalid(DeadLetterReason.INVALID_VALUE, at + "event_id", eventId.length()
                    + " characters; an event id has at most " + MAX_EVENT_ID_LENGTH + ", such as a UUID");
        }
        if (!envelope.getAppId().equals(appId)) {
            throw invalid(DeadLetterReason.WRONG_APP, at + "app_id", "not the app of the API key (" + appId + ")");
        }
        if (!regions.contains(envelope.getRegion())) {
            throw invalid(DeadLetterReason.UNKNOWN_REGION, at + "region", "not a region of the policy; expected one of "
                    + String.join(", ", regions));
        }
    }

    private static InvalidEventException invalid(DeadLetterReason reason, String path, String problem) {
        return new InvalidEventException(new Rejection(reason, path, problem));
    }
}
