package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.ColumnType;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.StoredValues;
import dev.sieve.sink.store.TimeWindow;
import java.util.List;
import java.util.Optional;

/**
 * {@link StoredValues} on ClickHouse: the distinct values with their counts ({@code GROUP BY}), in pages of about
 * {@value #PAGE} values chosen by the value's hash, so a result never holds the whole column. The values travel only
 * in query results, which ClickHouse does not log.
 */
final class ClickHouseValues implements StoredValues {

    /** Distinct values per query: a few megabytes of text for the short values the tables hold. */
    static final long PAGE = 50_000;
    private static final String VALUE = "_value";

    private final String region;
    private final ClickHouseGateway ch;
    private final SchemaOptions options;
    private final long page;

    ClickHouseValues(String region, ClickHouseGateway ch, SchemaOptions options) {
        this(region, ch, options, PAGE);
    }

    /** @param page distinct values per query */
    ClickHouseValues(String region, ClickHouseGateway ch, SchemaOptions options, long page) {
        this.region = region;
        this.ch = ch;
        this.options = options;
        this.page = page;
    }

    @Override
    public void forEach(TableLayout table, Column column, Optional<TimeWindow> window, ValueCount each) {
        if (!table.columns().contains(column) || !isText(column.type())) {
            throw new IllegalArgumentException("column " + column.name() + " is not a text column of table "
                    + table.name());
        }
        String from = " FROM " + options.qualified(table.name())
                + (column.type() == ColumnType.ARRAY_STRING ? " ARRAY JOIN " + column.name() + " AS " + VALUE : "");
        String value = column.type() == ColumnType.ARRAY_STRING ? VALUE : column.name();
        String where = " WHERE " + value + " != ''" + ofRegion(table) + window.map(w -> inWindow(table, w)).orElse("");
        long distinct = Long.parseLong(ch.query("SELECT uniq(" + value + ")" + from + where, "TSV").strip());
        long pages = Math.max(1, (distinct + page - 1) / page);
        for (long p = 0; p < pages; p++) {
            String inPage = pages == 1 ? "" : " AND cityHash64(" + value + ") % " + pages + " = " + p;
            for (List<String> row : Tsv.parse(ch.query("SELECT " + value + ", count()" + from + where + inPage
                    + " GROUP BY " + value, "TSV"))) {
                each.accept(row.get(0), Long.parseLong(row.get(1)));
            }
        }
    }

    private static boolean isText(ColumnType type) {
        return type == ColumnType.STRING || type == ColumnType.LOW_CARDINALITY_STRING
                || type == ColumnType.ARRAY_STRING;
    }

    private String ofRegion(TableLayout t) {
        return t.column(TableLayout.REGION).isPresent()
                ? " AND " + TableLayout.REGION + " = " + SqlLiteral.string(region) : "";
    }

    private static String inWindow(TableLayout t, TimeWindow w) {
        String time = t.timeColumn().name();
        return " AND " + time + " >= " + SqlLiteral.time(w.from()) + " AND " + time + " < " + SqlLiteral.time(w.to());
    }
}
