package dev.sieve.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One element of a batch's {@code events} array.
 *
 * @param json     the element, parsed
 * @param original the element's bytes exactly as they stood in the body, for the dead-letter topic
 */
public record JsonEvent(JsonNode json, byte[] original) {
    public JsonEvent {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(original, "original");
    }
}
