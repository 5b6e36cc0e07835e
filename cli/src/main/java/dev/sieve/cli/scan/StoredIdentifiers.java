package dev.sieve.cli.scan;

import dev.sieve.sink.store.StoredValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs the scan: each scanned column's stored values, in each region, through the recognizers; what it keeps of a
 * value is the names of the recognizers that fired and how many times the value is stored, never the value.
 */
public final class StoredIdentifiers {

    /**
     * Stored values that hold what a recognizer finds.
     *
     * @param count how many stored values (rows, or elements of a list) hold at least one such identifier
     */
    public record Found(String region, String table, String column, String recognizer, long count) {}

    private final ScannedColumns columns;
    private final Function<String, StoredValues> valuesOfRegion;

    /** @param valuesOfRegion each region's stored values ({@code SinkOperations::values}) */
    public StoredIdentifiers(ScannedColumns columns, Function<String, StoredValues> valuesOfRegion) {
        this.columns = columns;
        this.valuesOfRegion = valuesOfRegion;
    }

    /** What the regions' tables hold, by region, then in policy order, recognizers by name. */
    public List<Found> scan(List<String> regions) {
        List<Found> found = new ArrayList<>();
        for (String region : regions) {
            StoredValues values = valuesOfRegion.apply(region);
            for (ScannedColumns.ScannedColumn c : columns.scanned()) {
                Map<String, Long> byRecognizer = new TreeMap<>();
                values.forEach(c.table(), c.column(), Optional.empty(), (value, count) ->
                        c.identifiers().apply(value).forEach(r -> byRecognizer.merge(r, count, Long::sum)));
                byRecognizer.forEach((r, n) -> found.add(new Found(region, c.table().name(), c.column().name(), r, n)));
            }
        }
        return found;
    }
}
