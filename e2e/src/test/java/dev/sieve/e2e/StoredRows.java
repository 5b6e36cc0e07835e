package dev.sieve.e2e;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.testsupport.ClickHouseEngine;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares what every table of the policy stores with what the policy predicts: rows stored, rows missing (a
 * predicted event without its row) and rows duplicated (more than one row for one event). Events are told apart
 * by their {@code event_id} column: the id itself where the purpose keeps it, so missing rows are found by id,
 * and its pseudonym elsewhere, one value per event, so a second row of an event has the same value.
 */
final class StoredRows {

    private final Policy policy;
    private final ClickHouseEngine engine;
    private final String database;

    StoredRows(Policy policy, ClickHouseEngine engine, String database) {
        this.policy = policy;
        this.engine = engine;
        this.database = database;
    }

    /** What one table holds against its prediction. */
    record Table(String name, long expected, long stored, long missing, long duplicated) {
        boolean exact() {
            return stored == expected && missing == 0 && duplicated == 0;
        }
    }

    /** Rows stored per table, for every table the prediction names: the cheap check polled while waiting. */
    Map<String, Long> counts(Set<String> tables) {
        Map<String, Long> out = new TreeMap<>();
        for (List<String> row : engine.rows(tables.stream()
                .map(t -> "SELECT '" + t + "', count() FROM " + database + "." + t)
                .collect(Collectors.joining(" UNION ALL ")))) {
            out.put(row.get(0), Long.parseLong(row.get(1)));
        }
        return out;
    }

    /** Every table against the event ids it must hold. */
    List<Table> compare(Map<String, Set<String>> expected) {
        Map<String, List<String>> counts = new TreeMap<>();
        for (List<String> row : engine.rows(expected.keySet().stream()
                .map(t -> "SELECT '" + t + "', count(), uniqExact(event_id) FROM " + database + "." + t)
                .collect(Collectors.joining(" UNION ALL ")))) {
            counts.put(row.get(0), row);
        }
        return expected.entrySet().stream().map(e -> {
            String table = e.getKey();
            long stored = Long.parseLong(counts.get(table).get(1));
            long distinct = Long.parseLong(counts.get(table).get(2));
            long missing = keepsEventId(table) ? missing(table, e.getValue())
                    : Math.max(0, e.getValue().size() - distinct);
            return new Table(table, e.getValue().size(), stored, missing, stored - distinct);
        }).toList();
    }

    private long missing(String table, Set<String> ids) {
        Set<String> left = new HashSet<>(ids);
        engine.rows("SELECT DISTINCT event_id FROM " + database + "." + table).forEach(r -> left.remove(r.get(0)));
        return left.size();
    }

    private boolean keepsEventId(String table) {
        for (Purpose purpose : policy.purposes().values()) {
            for (EventFamily family : purpose.families().keySet()) {
                if (purpose.tableName(family).equals(table)) {
                    return Prediction.keeps(purpose, family, "event_id");
                }
            }
        }
        throw new IllegalArgumentException("no table " + table + " in the policy");
    }
}
