package dev.sieve.sink.clickhouse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One insert: the statement, the request body and the per-request settings.
 *
 * @param table    qualified table name, {@code db.table}
 * @param columns  columns the body fills, in order
 * @param format   input format of the body, e.g. {@code RowBinary}
 * @param payload  the body
 * @param settings per-request server settings (the deduplication token among them); the client sends them
 *                 as HTTP parameters, which ClickHouse applies to that one request
 */
public record InsertRequest(String table, List<String> columns, String format, byte[] payload,
        Map<String, String> settings) {

    public static final String DEDUPLICATION_TOKEN = "insert_deduplication_token";

    public InsertRequest {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(payload, "payload");
        columns = List.copyOf(columns);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * The statement exactly as client-v2 0.10.0 spells it ({@code Client.insert} builds
     * {@code INSERT INTO <table> (<a>, <b> ) FORMAT <format>}, trailing space included), so the engine in the
     * tests parses the very text a production server receives.
     */
    public String sql() {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table);
        if (!columns.isEmpty()) {
            sql.append(" (");
            for (String c : columns) {
                sql.append(c).append(", ");
            }
            sql.deleteCharAt(sql.length() - 2).append(")");
        }
        return sql.append(" FORMAT ").append(format).toString();
    }
}
