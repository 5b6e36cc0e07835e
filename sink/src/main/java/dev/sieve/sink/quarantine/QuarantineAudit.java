package dev.sieve.sink.quarantine;

import dev.sieve.sink.store.QuarantineRecord;
import dev.sieve.sink.store.RegionStores;
import java.util.Map;
import java.util.Optional;

/** Reads what {@link QuarantineChanger} recorded, region by region. */
public final class QuarantineAudit {

    private final RegionStores stores;

    public QuarantineAudit(RegionStores stores) {
        this.stores = stores;
    }

    /** By region: the purpose's most recent quarantine or release; empty where there is none. */
    public Map<String, Optional<QuarantineRecord>> latest(String purpose) {
        return stores.ask(store -> store.quarantines().latest(purpose));
    }
}
