package dev.sieve.sink.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The store of each region (policy 6.1). A region without a store has none: there is no default, so a row can never
 * land in another region's storage.
 */
public final class RegionStores implements AutoCloseable {

    private final Map<String, Store> byRegion;

    /** @throws IllegalArgumentException if a store holds another region than the one it is given for */
    public RegionStores(Map<String, Store> byRegion) {
        byRegion.forEach((region, store) -> {
            if (!store.region().equals(region)) {
                throw new IllegalArgumentException("the store given for region " + region + " holds region "
                        + store.region());
            }
        });
        this.byRegion = Collections.unmodifiableMap(new LinkedHashMap<>(byRegion));
    }

    public Optional<Store> forRegion(String region) {
        return Optional.ofNullable(byRegion.get(region));
    }

    /** Every store, by region: control actions (retention, erasure, holds) run on each. */
    public Map<String, Store> all() {
        return byRegion;
    }

    /** What each region's store answers, by region, in region order. */
    public <T> Map<String, T> ask(Function<Store, T> question) {
        Map<String, T> out = new LinkedHashMap<>();
        byRegion.forEach((region, store) -> out.put(region, question.apply(store)));
        return out;
    }

    @Override
    public void close() {
        byRegion.values().forEach(Store::close);
    }
}
