package dev.sieve.sink.subject;

import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import dev.sieve.sink.write.RegionEndpoints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Subject access (policy 4): every stored row of a subject, from every table that can hold it, in every
 * region, as JSONEachRow, held rows included. The statements name no identifier ({@link SubjectLookup}).
 */
public final class SubjectAccess {

    private final TableCatalog catalog;
    private final SchemaOptions options;
    private final RegionEndpoints endpoints;
    private final SubjectIdentifiers identifiers;

    public SubjectAccess(TableCatalog catalog, SchemaOptions options, RegionEndpoints endpoints,
            SubjectIdentifiers identifiers) {
        this.catalog = catalog;
        this.options = options;
        this.endpoints = endpoints;
        this.identifiers = identifiers;
    }

    /** Region → table → JSONEachRow text; tables without rows of the subject are left out. */
    public Map<String, Map<String, String>> export(Subject subject) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            Map<String, String> tables = new LinkedHashMap<>();
            try (SubjectLookup lookup = SubjectLookup.open(e.getValue(), options, identifiers, subject)) {
                for (TableLayout t : catalog.tables()) {
                    Optional<String> where = lookup.rowsOf(t, false);
                    if (where.isPresent()) {
                        String rows = e.getValue().query("SELECT * FROM " + options.qualified(t.name()) + " WHERE "
                                + where.get() + " ORDER BY " + String.join(", ", t.orderBy()), "JSONEachRow");
                        if (!rows.isBlank()) {
                            tables.put(t.name(), rows);
                        }
                    }
                }
            }
            out.put(e.getKey(), tables);
        }
        return out;
    }
}
