package dev.sieve.sink.clickhouse;

import dev.sieve.sink.store.Migration;
import dev.sieve.sink.store.StoreFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the {@link Migrations} in one region and reports what they changed there: the database's tables are
 * compared before and after ({@code system.tables.create_table_query}), so a second run reports that nothing
 * changed. A failure stops the region at the statement it failed at and is reported.
 */
final class ClickHouseMigration {

    private final String region;
    private final ClickHouseGateway ch;
    private final SchemaOptions options;

    ClickHouseMigration(String region, ClickHouseGateway ch, SchemaOptions options) {
        this.region = region;
        this.ch = ch;
        this.options = options;
    }

    Migration run(List<String> statements) {
        int ran = 0;
        Optional<String> failure = Optional.empty();
        Map<String, String> before = Map.of();
        boolean hadDatabase = false;
        try {
            hadDatabase = databaseExists();
            before = hadDatabase ? tables() : Map.of();
            for (String sql : statements) {
                ch.execute(sql);
                ran++;
            }
        } catch (StoreFailure f) {
            failure = Optional.of(f.getMessage());
        }
        List<String> changes = new ArrayList<>();
        try {
            if (!hadDatabase && databaseExists()) {
                changes.add("created database " + options.database());
            }
            Map<String, String> after = databaseExists() ? tables() : Map.of();
            for (Map.Entry<String, String> t : after.entrySet()) {
                String was = before.get(t.getKey());
                if (was == null) {
                    changes.add("created table " + options.database() + "." + t.getKey());
                } else if (!was.equals(t.getValue())) {
                    changes.add("changed table " + options.database() + "." + t.getKey());
                }
            }
        } catch (StoreFailure f) {
            if (failure.isEmpty()) {
                failure = Optional.of(f.getMessage());
            }
        }
        return new Migration(region, ran, statements.size(), changes, failure);
    }

    private boolean databaseExists() {
        return !ch.query("SELECT 1 FROM system.databases WHERE name = " + SqlLiteral.string(options.database()),
                "TSV").isBlank();
    }

    private Map<String, String> tables() {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> r : Tsv.parse(ch.query("SELECT name, create_table_query FROM system.tables WHERE database = "
                + SqlLiteral.string(options.database()) + " ORDER BY name", "TSV"))) {
            out.put(r.get(0), r.get(1));
        }
        return out;
    }
}
