package dev.sieve.runtime;

/**
 * JSON text for the few strings Sieve writes into JSON of its own (a subject's export, incident scope, the audit
 * report), where a JSON library would be a dependency for one method.
 */
public final class JsonText {

    private JsonText() {}

    /** A JSON string: quote, backslash and control characters escaped, newline, tab and return in their short forms. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
