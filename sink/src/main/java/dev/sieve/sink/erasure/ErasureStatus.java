package dev.sieve.sink.erasure;

import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.store.RegionStores;
import java.util.Map;
import java.util.Optional;

/**
 * Reports how far an erasure request got, region by region, from the erasure audit trail: each region reads its
 * own audit rows, so two regions whose store is one server each report what they did.
 */
public final class ErasureStatus {

    private final RegionStores stores;

    public ErasureStatus(RegionStores stores) {
        this.stores = stores;
    }

    /** By region; empty where the request is unknown. */
    public Map<String, Optional<ErasureState>> of(String requestId) {
        return stores.ask(store -> store.erasures().latest(requestId));
    }
}
