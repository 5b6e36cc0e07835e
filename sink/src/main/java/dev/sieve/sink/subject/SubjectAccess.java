package dev.sieve.sink.subject;

import dev.sieve.runtime.JsonText;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.SubjectRows;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/**
 * Subject access (policy 4): every stored row of a subject, from every table that can hold it, in every
 * region, as JSON lines, held rows included. The store is asked without naming the subject ({@link Store#find}).
 * The one export both the operator CLI ({@code sieve export}) and the collector's rights API write.
 */
public final class SubjectAccess {

    /** What an export wrote: rows, tables and regions with at least one row. */
    public record Summary(long rows, int tables, int regions) {}

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final SubjectIdentifiers identifiers;

    public SubjectAccess(TableCatalog catalog, RegionStores stores, SubjectIdentifiers identifiers) {
        this.catalog = catalog;
        this.stores = stores;
        this.identifiers = identifiers;
    }

    /**
     * Writes every stored row of the subject as JSON lines,
     * {@code {"region":"cn-north","table":"service_device","row":{...}}}, the row exactly as the store returned
     * it, streamed from the store to {@code out} row by row: an export of any size is never held in memory.
     *
     * @param app when present, only that app's rows ({@code app_id}); tables without an {@code app_id} column
     *            cannot tell them apart and are left out
     * @throws IOException when writing to {@code out} failed
     */
    public Summary exportTo(Subject subject, Optional<String> app, Writer out) throws IOException {
        long rows = 0;
        int tables = 0;
        int regions = 0;
        for (Store store : stores.all().values()) {
            long regionRows = rows;
            try (SubjectRows found = store.find(subject, identifiers)) {
                for (TableLayout t : catalog.tables()) {
                    if (app.isPresent() && t.column(TableLayout.APP_ID).isEmpty()) {
                        continue;
                    }
                    String prefix = "{\"region\":" + JsonText.quote(store.region()) + ",\"table\":" + JsonText.quote(t.name())
                            + ",\"row\":";
                    long n = found.export(t, app, row -> out.write(prefix + row + "}\n"));
                    if (n > 0) {
                        tables++;
                        rows += n;
                    }
                }
            }
            if (rows > regionRows) {
                regions++;
            }
        }
        out.flush();
        return new Summary(rows, tables, regions);
    }
}
