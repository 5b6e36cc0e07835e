package dev.sieve.sink.retention;

import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.RetentionRecord;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@link RetentionChanger} recorded, region by region: the latest change of a table, or what became of
 * one published change.
 */
public final class RetentionAudit {

    private final RegionStores stores;

    public RetentionAudit(RegionStores stores) {
        this.stores = stores;
    }

    /** By region: the table's most recently recorded change, applied or rejected; empty where there is none. */
    public Map<String, Optional<RetentionRecord>> latest(String table) {
        return stores.ask(store -> store.retention().latest(table));
    }

    /**
     * By region: what the sink recorded for this change (matched by table, author and time of the request);
     * empty where it has not been read yet.
     */
    public Map<String, Optional<RetentionRecord>> of(RetentionChange change) {
        return stores.ask(store -> store.retention().of(change.getTable(), change.getChangedBy(),
                change.getChangedAt()));
    }
}
