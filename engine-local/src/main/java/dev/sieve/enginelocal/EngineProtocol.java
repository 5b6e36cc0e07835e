package dev.sieve.enginelocal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wire format between {@link ChdbEngine} and its chDB helper process, plus the
 * text transformation the engine applies: the INSERT rewrite.
 *
 * <p>Requests are encoded as pure ASCII JSON (other characters as JSON unicode escapes), so
 * neither side depends on the platform charset. Responses are parsed strictly: exactly
 * the fields the helper sends, anything else is a protocol error.
 */
final class EngineProtocol {

    /** A helper response: the engine output if {@code ok}, otherwise ClickHouse's error text. */
    record Response(boolean ok, String text) {}

    private static final Pattern FORMAT_CLAUSE =
            Pattern.compile("(?is)^\\s*(INSERT\\s+INTO\\s+.+?)\\s+(FORMAT\\s+\\w+)\\s*;?\\s*$");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ERROR_CODE = Pattern.compile("Code: (\\d+)\\.");

    private EngineProtocol() {}

    static String encodeRequest(String sql, String format) {
        return encodeRequest(sql, format, false);
    }

    /** @param base64Output whether the helper is to answer with the output's bytes in base64 (binary formats) */
    static String encodeRequest(String sql, String format, boolean base64Output) {
        StringBuilder json = new StringBuilder(sql.length() + 56);
        json.append("{\"sql\":");
        appendString(json, sql);
        json.append(",\"format\":");
        appendString(json, format);
        if (base64Output) {
            json.append(",\"encoding\":\"base64\"");
        }
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * Parses one response line: {@code {"ok": true, "output": "..."}} or
     * {@code {"ok": false, "error": "..."}}.
     *
     * @throws IllegalStateException if the line is not exactly one of those
     */
    static Response decodeResponse(String line) {
        Map<String, Object> fields = new JsonObjectParser(line).parse();
        if (fields.size() == 2
                && fields.get("ok") instanceof Boolean ok
                && fields.get(ok ? "output" : "error") instanceof String text) {
            return new Response(ok, text);
        }
        throw new IllegalStateException("Unexpected response from the chDB helper: " + excerpt(line));
    }

    /** Protocol errors quote at most the start of a line: it may carry query output. */
    private static String excerpt(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /**
     * Rewrites {@code INSERT INTO db.t (a, b) FORMAT RowBinary} to
     * {@code INSERT INTO db.t (a, b) FROM INFILE '<infile>' FORMAT RowBinary}, with the settings, if any, in the
     * statement's own clause: {@code ... FROM INFILE '<infile>' SETTINGS name = 'value', ... FORMAT RowBinary}.
     * Nothing else changes.
     *
     * @throws IllegalArgumentException if the statement is not an INSERT ending in a FORMAT clause, or a setting
     *                                  name is not an identifier
     */
    static String rewriteInsert(String insertSql, Map<String, String> settings, Path infile) {
        Matcher m = FORMAT_CLAUSE.matcher(insertSql);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Expected 'INSERT INTO <table> [(<columns>)] FORMAT <format>', got: " + insertSql);
        }
        StringBuilder sql = new StringBuilder(m.group(1)).append(" FROM INFILE ")
                .append(literal(infile.toAbsolutePath().toString())).append(' ');
        String separator = "SETTINGS ";
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (!SETTING_NAME.matcher(setting.getKey()).matches()) {
                throw new IllegalArgumentException("A setting name of the insert is not an identifier");
            }
            sql.append(separator).append(setting.getKey()).append(" = ").append(literal(setting.getValue()));
            separator = ", ";
        }
        if (!settings.isEmpty()) {
            sql.append(' ');
        }
        return sql.append(m.group(2)).toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The ClickHouse error code from an error text ({@code Code: 62. DB::Exception: ...}), or -1. */
    static int errorCode(String errorText) {
        Matcher m = ERROR_CODE.matcher(errorText);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Strict parser for a flat JSON object whose values are strings, booleans or null. */
    private static final class JsonObjectParser {
        private final String s;
        private int pos;

        JsonObjectParser(String s) {
            this.s = s;
        }

        Map<String, Object> parse() {
            Map<String, Object> fields = new HashMap<>();
            expect('{');
            skipWhitespace();
            if (peek() == '}') {
                pos++;
            } else {
                do {
                    skipWhitespace();
                    String key = string();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    if (fields.put(key, value()) != null) {
                        throw error("duplicate key \"" + key + "\"");
                    }
                    skipWhitespace();
                } while (consume(','));
                expect('}');
            }
            skipWhitespace();
            if (pos != s.length()) {
                throw error("trailing characters");
            }
            return fields;
        }

        private Object value() {
            if (peek() == '"') {
                return string();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (s.startsWith(literal, pos)) {
                    pos += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            throw error("expected a string, true, false or null");
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("unescaped control character");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(hex4());
                    default -> throw error("invalid escape \\" + e);
                }
            }
        }

        private char hex4() {
            if (pos + 4 > s.length()) {
                throw error("truncated \\u escape");
            }
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(s.charAt(pos++), 16);
                if (digit < 0) {
                    throw error("invalid \\u escape");
                }
                value = value * 16 + digit;
            }
            return (char) value; // surrogate pairs arrive as two escapes and recombine in the UTF-16 string
        }

        private void skipWhitespace() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end of input");
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private boolean consume(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        private IllegalStateException error(String problem) {
            return new IllegalStateException(
                    "Malformed response from the chDB helper (" + problem + " at offset " + pos + "): " + excerpt(s));
        }
    }
}
