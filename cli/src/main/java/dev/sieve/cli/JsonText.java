package dev.sieve.cli;

/** JSON text for the few strings the command line writes into JSON lines of its own (export, incident scope). */
public final class JsonText {

    private JsonText() {}

    /** A JSON string: quote, backslash and control characters escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
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
