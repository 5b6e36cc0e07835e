package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Every statement that brings one ClickHouse endpoint to the policy's schema, in order. Running them twice
 * changes nothing; running them after a policy change adds what is new and drops nothing.
 */
public final class Migrations {

    private Migrations() {}

    public static List<String> statements(TableCatalog catalog, SchemaOptions options) {
        List<String> out = new ArrayList<>();
        out.add("CREATE DATABASE IF NOT EXISTS " + options.database() + options.onCluster());
        // Holds first: the purpose tables' TTLs read the hold identifiers table.
        out.addAll(SinkTables.ddl(options));
        out.addAll(SinkTables.evolve(options));
        for (TableLayout t : catalog.tables()) {
            out.addAll(TableDdl.create(t, options));
            out.addAll(TableDdl.evolve(t, options));
        }
        return out;
    }
}
