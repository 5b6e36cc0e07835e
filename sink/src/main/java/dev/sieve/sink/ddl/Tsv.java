package dev.sieve.sink.ddl;

import java.util.ArrayList;
import java.util.List;

/** Parses ClickHouse TSV output: rows of unescaped fields, {@code \N} as null. */
public final class Tsv {

    private Tsv() {}

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
