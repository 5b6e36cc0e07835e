package dev.sieve.enginelocal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's {@code TabSeparated} format both ways, as a server and this engine speak it: output parsed into
 * rows of unescaped fields, and rows encoded as an insert body. {@code \N} stands for SQL NULL.
 */
public final class ClickHouseTsv {

    /** The format name, for a {@code FORMAT} clause. */
    public static final String FORMAT = "TabSeparated";

    private ClickHouseTsv() {}

    /** Rows as a {@link #FORMAT} body; null becomes {@code \N}. */
    public static byte[] encode(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append('\t');
                }
                String v = row.get(i);
                if (v == null) {
                    out.append("\\N");
                    continue;
                }
                for (int j = 0; j < v.length(); j++) {
                    char c = v.charAt(j);
                    switch (c) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\0' -> out.append("\\0");
                        default -> out.append(c);
                    }
                }
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Splits {@link #FORMAT} output into rows of unescaped fields; {@code \N} becomes {@code null}. */
    public static List<List<String>> parse(String tsv) {
        List<List<String>> rows = new ArrayList<>();
        if (tsv.isEmpty()) {
            return rows;
        }
        String body = tsv.endsWith("\n") ? tsv.substring(0, tsv.length() - 1) : tsv;
        for (String line : body.split("\n", -1)) {
            List<String> row = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                row.add(field.equals("\\N") ? null : unescape(field));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                out.append(c);
                continue;
            }
            char e = field.charAt(++i);
            out.append(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case '0' -> '\0';
                default -> e; // \\ \' and any other escaped character stand for themselves
            });
        }
        return out.toString();
    }
}
