package dev.sieve.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a batch body, {@code {"events": [ ... ]}}, into its events, each with its own bytes as they stood in
 * the body, so a rejected event reaches the dead-letter topic exactly as it was sent. A body that is not JSON,
 * or not a batch, is refused whole; events are judged one by one later.
 *
 * <p>Messages give a line and column, never the offending text: it may be an identifier.
 */
public final class EventBatchParser {

    /** The batch's one field. */
    public static final String EVENTS_FIELD = "events";

    private final ObjectMapper mapper;
    private final int maxEvents;

    public EventBatchParser(int maxEvents) {
        // Duplicate keys would make "what was sent" ambiguous; Jackson would silently keep the last one.
        this.mapper = new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
        this.maxEvents = maxEvents;
    }

    /**
     * @throws RequestRefusedException 413 for more than {@code limits.max-events-per-batch} events; 400 with the
     *                                 body for the dead-letter topic when it is not JSON or not a batch
     */
    public List<JsonEvent> parse(byte[] body) throws RequestRefusedException {
        try (JsonParser p = mapper.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw invalid("body: expected an object {\"events\": [...]}, got " + describe(first), body);
            }
            List<JsonEvent> events = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!EVENTS_FIELD.equals(name)) {
                    throw invalid(name + ": unknown field; a batch has only \"events\"", body);
                }
                if (value != JsonToken.START_ARRAY) {
                    throw invalid("events: expected an array, got " + describe(value), body);
                }
                events = events(p, body);
            }
            if (events == null) {
                throw invalid("events: required field is missing", body);
            }
            if (p.nextToken() != null) {
                throw malformed("body has more after the batch", p.currentTokenLocation(), body);
            }
            return events;
        } catch (JsonProcessingException e) {
            throw malformed("body is not valid JSON", e.getLocation(), body);
        } catch (IOException e) {
            // Reading from a byte array fails only through the parser's own exceptions, handled above.
            throw new IllegalStateException("unexpected I/O error reading an in-memory body", e);
        }
    }

    private List<JsonEvent> events(JsonParser p, byte[] body) throws IOException, RequestRefusedException {
        List<JsonEvent> events = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (events.size() == maxEvents) {
                throw RequestRefusedException.refused(Status.PAYLOAD_TOO_LARGE, "batch has more than " + maxEvents
                        + " events; the limit is " + maxEvents + " (" + CollectorConfigLoader.LIMITS_MAX_EVENTS_PER_BATCH + ")");
            }
            int start = (int) p.currentTokenLocation().getByteOffset();
            JsonNode node = mapper.readTree(p);
            int end = (int) p.currentLocation().getByteOffset();
            events.add(new JsonEvent(node, Arrays.copyOfRange(body, start, end)));
        }
        return events;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    private static RequestRefusedException invalid(String message, byte[] body) {
        return RequestRefusedException.unreadable(DeadLetterReason.INVALID_BATCH, message, body);
    }

    private static RequestRefusedException malformed(String what, JsonLocation at, byte[] body) {
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return RequestRefusedException.unreadable(DeadLetterReason.MALFORMED_JSON, what + where, body);
    }
}
