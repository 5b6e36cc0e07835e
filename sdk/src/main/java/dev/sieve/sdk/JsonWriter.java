package dev.sieve.sdk;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes the few JSON shapes the SDK sends: objects, arrays of strings, strings, integers and timestamps
 * (ISO-8601 UTC). Hand-written so the SDK needs no JSON library.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    /** Whether the next value in the current object or array needs a comma before it. */
    private boolean needsComma;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        comma();
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    JsonWriter beginArray() {
        comma();
        out.append('[');
        needsComma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    JsonWriter name(String name) {
        comma();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    /** Writes a value of the types {@link SieveEvent#fields()} documents. */
    JsonWriter value(Object value) {
        if (value instanceof String s) {
            comma();
            string(s);
        } else if (value instanceof Integer || value instanceof Long) {
            comma();
            out.append(value);
        } else if (value instanceof Instant t) {
            comma();
            string(DateTimeFormatter.ISO_INSTANT.format(t));
        } else if (value instanceof Enum<?> e) {
            comma();
            string(e.name());
        } else if (value instanceof List<?> list) {
            beginArray();
            for (Object item : list) {
                value(item);
            }
            endArray();
            return this;
        } else {
            throw new IllegalArgumentException("cannot write a " + (value == null ? "null" : value.getClass().getName())
                    + " as an event field");
        }
        needsComma = true;
        return this;
    }

    /** Writes each entry whose value is not null. */
    JsonWriter fields(Map<String, ?> fields) {
        fields.forEach((name, value) -> {
            if (value != null) {
                name(name).value(value);
            }
        });
        return this;
    }

    private void comma() {
        if (needsComma) {
            out.append(',');
            needsComma = false;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
