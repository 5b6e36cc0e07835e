package dev.sieve.sink.clickhouse.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table of the Sieve database as ClickHouse describes it ({@code system.tables}, {@code system.columns}).
 *
 * @param name             table name, without the database
 * @param engine           e.g. {@code MergeTree}, {@code Distributed}
 * @param totalRows        rows stored; empty where the engine does not know ({@code Distributed}, views)
 * @param createTableQuery the stored definition, on one line, as ClickHouse renders it
 * @param columns          in table order
 */
record LiveTable(String name, String engine, Optional<Long> totalRows, String createTableQuery,
        List<Column> columns) {

    /** One column: name and type as {@code system.columns} spells them. */
    public record Column(String name, String type) {}

    public LiveTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(totalRows, "totalRows");
        Objects.requireNonNull(createTableQuery, "createTableQuery");
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
