package dev.sieve.sink.hold;

import dev.sieve.sink.store.Hold;
import dev.sieve.sink.store.RegionStores;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legal holds in force, region by region, as {@link LegalHolds} recorded them. Reading them needs no
 * pseudonymization keys. The subject is part of each hold: callers decide whether to show it.
 */
public final class ActiveHolds {

    private final RegionStores stores;

    public ActiveHolds(RegionStores stores) {
        this.stores = stores;
    }

    /** By region, oldest first. */
    public Map<String, List<Hold>> byRegion() {
        return stores.ask(store -> store.holds().list(Optional.empty()));
    }

    /** By region: the hold with this id, where it is in force. */
    public Map<String, List<Hold>> withId(String holdId) {
        return stores.ask(store -> store.holds().list(Optional.of(holdId)));
    }
}
