package dev.sieve.sink.subject;

import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import dev.sieve.sink.write.RegionEndpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Subject access (policy 4): every stored row of a subject, from every table that can hold it, in every
 * region, as JSONEachRow, held rows included. The statements name no identifier ({@link SubjectLookup}).
 */
public final class SubjectAccess {

    /** The column that tells one app's rows from another's. */
    static final String APP_ID = "app_id";

    /** What an export wrote: rows, tables and regions with at least one row. */
    public record Summary(long rows, int tables, int regions) {}

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

    /**
     * Writes every stored row of the subject as JSON lines,
     * {@code {"region":"cn-north","table":"service_device","row":{...}}}, the row exactly as ClickHouse returned
     * it, streamed from ClickHouse to {@code out} row by row: an export of any size is never held in memory.
     *
     * @param app when present, only that app's rows ({@code app_id}); tables without an {@code app_id} column
     *            cannot tell them apart and are left out
     * @throws IOException when writing to {@code out} failed
     */
    public Summary exportTo(Subject subject, Optional<String> app, Writer out) throws IOException {
        long[] rows = {0};
        int tables = 0;
        int regions = 0;
        try {
            for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
                long regionRows = rows[0];
                try (SubjectLookup lookup = SubjectLookup.open(e.getValue(), options, identifiers, subject)) {
                    for (TableLayout t : catalog.tables()) {
                        Optional<String> where = lookup.rowsOf(t, false);
                        if (where.isEmpty() || (app.isPresent() && t.column(APP_ID).isEmpty())) {
                            continue;
                        }
                        String ofApp = app.map(a -> " AND " + APP_ID + " = " + SqlLiteral.string(a)).orElse("");
                        String prefix = "{\"region\":" + quote(e.getKey()) + ",\"table\":" + quote(t.name())
                                + ",\"row\":";
                        long before = rows[0];
                        e.getValue().query("SELECT * FROM " + options.qualified(t.name()) + " WHERE " + where.get()
                                + ofApp + " ORDER BY " + String.join(", ", t.orderBy()), "JSONEachRow",
                                result -> rows[0] += copyLines(result, prefix, out));
                        if (rows[0] > before) {
                            tables++;
                        }
                    }
                }
                if (rows[0] > regionRows) {
                    regions++;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return new Summary(rows[0], tables, regions);
    }

    /** Each non-blank line of {@code result} as {@code prefix + line + "}"}; failures of {@code out} unchecked. */
    private static long copyLines(java.io.InputStream result, String prefix, Writer out) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(result, StandardCharsets.UTF_8));
        long n = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isBlank()) {
                try {
                    out.write(prefix + line + "}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                n++;
            }
        }
        return n;
    }

    /** Region and table names are the policy's plain words; quoted properly all the same. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
