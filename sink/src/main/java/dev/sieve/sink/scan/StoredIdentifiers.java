package dev.sieve.sink.scan;

import dev.sieve.scrub.IdentifierScan;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.StoredValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scan for identifiers in the stores: each {@link ScannedColumns scanned column}'s distinct stored values, in each
 * region, through the anonymizer's recognizers. What it keeps of a value is the names of the recognizers that fired
 * and how many times the value is stored, never the value. {@code sieve scan} and the sink's
 * {@link ScheduledScan} both run this one.
 */
public final class StoredIdentifiers {

    /**
     * Stored values that hold what a recognizer finds.
     *
     * @param count how many stored values (rows, or elements of a list) hold at least one such identifier
     */
    public record Found(String region, String table, String column, String recognizer, long count) {}

    /**
     * What one scan found, and what it read.
     *
     * @param found   by region, then in policy order, recognizers by name; empty when nothing was found
     * @param regions how many regions were scanned
     */
    public record Result(List<Found> found, ScannedColumns columns, int regions) {

        public Result {
            found = List.copyOf(found);
        }

        /** Stored values holding an identifier, over every region, table, column and recognizer. */
        public long total() {
            return found.stream().mapToLong(Found::count).sum();
        }
    }

    private final ScannedColumns columns;
    private final Map<String, StoredValues> valuesByRegion;

    /** @param valuesByRegion each region's stored values, in region order */
    public StoredIdentifiers(ScannedColumns columns, Map<String, StoredValues> valuesByRegion) {
        this.columns = columns;
        this.valuesByRegion = new LinkedHashMap<>(valuesByRegion);
    }

    /** The scan of every region's store, with the recognizers the policy's scrubber uses. */
    public static StoredIdentifiers of(TableCatalog catalog, RegionStores stores) {
        return new StoredIdentifiers(ScannedColumns.of(catalog, IdentifierScan.forPolicy(catalog.policy())),
                stores.ask(Store::values));
    }

    /**
     * Reads every scanned column of every region, page by page ({@link StoredValues#forEach}).
     *
     * @throws RuntimeException whatever the store throws when a query fails ({@code StoreFailure} on ClickHouse)
     */
    public Result scan() {
        List<Found> found = new ArrayList<>();
        valuesByRegion.forEach((region, values) -> {
            for (ScannedColumns.ScannedColumn c : columns.scanned()) {
                Map<String, Long> byRecognizer = new TreeMap<>();
                values.forEach(c.table(), c.column(), Optional.empty(), (value, count) ->
                        c.identifiers().apply(value).forEach(r -> byRecognizer.merge(r, count, Long::sum)));
                byRecognizer.forEach((r, n) -> found.add(new Found(region, c.table().name(), c.column().name(), r,
                        n)));
            }
        });
        return new Result(found, columns, valuesByRegion.size());
    }
}
