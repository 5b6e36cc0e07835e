package dev.sieve.cli.ddl;

import dev.sieve.sink.ddl.Migrations;
import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.ddl.Tsv;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.port.ClickHouseFailure;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.write.RegionEndpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the sink's {@link Migrations} (the statements the sink itself runs at start-up) in every configured region
 * and reports what they changed there: the database's tables are compared before and after
 * ({@code system.tables.create_table_query}), so a second run reports that nothing changed. A region that fails is
 * reported with the statement it stopped at, and the other regions still run: the statements are idempotent, so
 * running again after the cause is fixed finishes the job.
 */
public final class SchemaMigration {

    /**
     * What happened in one region.
     *
     * @param ran     statements that ran
     * @param of      statements there are
     * @param changes {@code created database d}, {@code created table d.t}, {@code changed table d.t}
     * @param failure the (redacted) ClickHouse error that stopped the region, if one did
     */
    public record RegionResult(String region, int ran, int of, List<String> changes, Optional<String> failure) {}

    private final TableCatalog catalog;
    private final SchemaOptions options;

    public SchemaMigration(TableCatalog catalog, SchemaOptions options) {
        this.catalog = catalog;
        this.options = options;
    }

    public List<RegionResult> apply(RegionEndpoints endpoints) {
        List<String> statements = Migrations.statements(catalog, options);
        List<RegionResult> results = new ArrayList<>();
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            results.add(apply(e.getKey(), e.getValue(), statements));
        }
        return results;
    }

    private RegionResult apply(String region, ClickHouseGateway ch, List<String> statements) {
        int ran = 0;
        Optional<String> failure = Optional.empty();
        Map<String, String> before = Map.of();
        boolean hadDatabase = false;
        try {
            hadDatabase = databaseExists(ch);
            before = hadDatabase ? tables(ch) : Map.of();
            for (String sql : statements) {
                ch.execute(sql);
                ran++;
            }
        } catch (ClickHouseFailure f) {
            failure = Optional.of(f.getMessage());
        }
        List<String> changes = new ArrayList<>();
        try {
            if (!hadDatabase && databaseExists(ch)) {
                changes.add("created database " + options.database());
            }
            Map<String, String> after = databaseExists(ch) ? tables(ch) : Map.of();
            for (Map.Entry<String, String> t : after.entrySet()) {
                String was = before.get(t.getKey());
                if (was == null) {
                    changes.add("created table " + options.database() + "." + t.getKey());
                } else if (!was.equals(t.getValue())) {
                    changes.add("changed table " + options.database() + "." + t.getKey());
                }
            }
        } catch (ClickHouseFailure f) {
            if (failure.isEmpty()) {
                failure = Optional.of(f.getMessage());
            }
        }
        return new RegionResult(region, ran, statements.size(), changes, failure);
    }

    private boolean databaseExists(ClickHouseGateway ch) {
        return !ch.query("SELECT 1 FROM system.databases WHERE name = " + SqlLiteral.string(options.database()),
                "TSV").isBlank();
    }

    private Map<String, String> tables(ClickHouseGateway ch) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> r : Tsv.parse(ch.query("SELECT name, create_table_query FROM system.tables WHERE database = "
                + SqlLiteral.string(options.database()) + " ORDER BY name", "TSV"))) {
            out.put(r.get(0), r.get(1));
        }
        return out;
    }

    /** The report lines of one region: its changes, then a summary. */
    public static List<String> lines(RegionResult r) {
        List<String> out = new ArrayList<>();
        r.changes().forEach(c -> out.add(r.region() + ": " + c));
        String summary = r.failure().map(f -> "failed after " + r.ran() + " of " + r.of() + " statements: " + f)
                .orElse(r.ran() + " statements run, " + (r.changes().isEmpty() ? "nothing changed"
                        : r.changes().size() + (r.changes().size() == 1 ? " change" : " changes")));
        out.add(r.region() + ": " + summary);
        return out;
    }
}
