package dev.sieve.sink.clickhouse;

import dev.sieve.enginelocal.ClickHouseTsv;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * ClickHouse TSV both ways ({@link ClickHouseTsv}) in the sink's terms: output parsed into rows, rows sent as an
 * insert's body, times as {@code DateTime64(3)} fields. Values the sink must not put into statement text
 * (identifiers) travel as such a body: ClickHouse logs an INSERT's text, never its data.
 */
public final class Tsv {

    /** The format of {@link #insert}'s body. */
    public static final String FORMAT = ClickHouseTsv.FORMAT;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Tsv() {}

    /** A {@code DateTime64(3, 'UTC')} field. */
    public static String time(Instant t) {
        return TIME.format(t);
    }

    /** An insert of the rows into the table's columns, the rows as a {@link #FORMAT} body. */
    public static InsertRequest insert(String qualifiedTable, List<String> columns, List<List<String>> rows) {
        return new InsertRequest(qualifiedTable, columns, FORMAT, ClickHouseTsv.encode(rows), Map.of());
    }

    /** Output in {@link #FORMAT} as rows of unescaped fields; {@code \N} becomes {@code null}. */
    public static List<List<String>> parse(String tsv) {
        return ClickHouseTsv.parse(tsv);
    }
}
