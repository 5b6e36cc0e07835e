package dev.sieve.sink.clickhouse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ClickHouse TSV both ways: parses output into rows of unescaped fields ({@code \N} as null), and encodes rows as
 * an insert body ({@link #FORMAT}). Values the sink must not put into statement text (identifiers) travel as such
 * a body: ClickHouse logs an INSERT's text, never its data.
 */
public final class Tsv {

    /** The input format {@link #encode} writes. */
    public static final String FORMAT = "TabSeparated";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Tsv() {}

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

    /** A {@code DateTime64(3, 'UTC')} field. */
    public static String time(Instant t) {
        return TIME.format(t);
    }

    /** An insert of the rows into the table's columns, the rows as a {@link #FORMAT} body. */
    public static InsertRequest insert(String qualifiedTable, List<String> columns, List<List<String>> rows) {
        return new InsertRequest(qualifiedTable, columns, FORMAT, encode(rows), Map.of());
    }

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
                case '0' -> '\0';
                default -> e;
            });
        }
        return out.toString();
    }
}
