package dev.sieve.sink.store;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import java.util.Optional;

/**
 * What a text column of one region's table stores, value by value: for the scan that looks for identifiers the
 * anonymizer should have removed, and for an incident's scope (whose identifiers a table holds in a time window).
 * The values reach the caller only: a store never puts them into a statement or a log.
 */
public interface StoredValues {

    /** Receives one distinct value and how many times the column stores it. */
    @FunctionalInterface
    interface ValueCount {
        void accept(String value, long count);
    }

    /**
     * Calls {@code each} once for every distinct non-empty value the column stores in this region (each element of
     * an array column), in no particular order, with how often it occurs; page by page, so that memory holds one
     * page of values whatever the table's size.
     *
     * @param window only rows whose {@link TableLayout#timeColumn() time} lies in it; all rows when empty
     * @throws IllegalArgumentException if the column is not one of the table's text columns
     */
    void forEach(TableLayout table, Column column, Optional<TimeWindow> window, ValueCount each);
}
