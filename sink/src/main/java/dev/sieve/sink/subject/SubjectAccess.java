package dev.sieve.sink.subject;

import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.SubjectRows;
import dev.sieve.sink.subject.Subject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Subject access (policy 4): every stored row of a subject, from every table that can hold it, in every
 * region, as JSON lines, held rows included. The store is asked without naming the subject ({@link Store#find}).
 */
public final class SubjectAccess {

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final SubjectIdentifiers identifiers;

    public SubjectAccess(TableCatalog catalog, RegionStores stores, SubjectIdentifiers identifiers) {
        this.catalog = catalog;
        this.stores = stores;
        this.identifiers = identifiers;
    }

    /** Region → table → JSON lines; tables without rows of the subject are left out. */
    public Map<String, Map<String, String>> export(Subject subject) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Store store : stores.all().values()) {
            Map<String, String> tables = new LinkedHashMap<>();
            try (SubjectRows rows = store.find(subject, identifiers)) {
                for (TableLayout t : catalog.tables()) {
                    String lines = rows.export(t);
                    if (!lines.isBlank()) {
                        tables.put(t.name(), lines);
                    }
                }
            }
            out.put(store.region(), tables);
        }
        return out;
    }
}
