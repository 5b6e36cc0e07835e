package dev.sieve.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;

/** Names a JSON value's type for messages ("got a number"), never its content. */
public final class JsonTypes {

    private JsonTypes() {}

    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY, POJO -> "bytes";
        };
    }
}
