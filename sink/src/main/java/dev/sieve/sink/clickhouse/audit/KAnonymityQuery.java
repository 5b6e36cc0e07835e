package dev.sieve.sink.clickhouse.audit;

import dev.sieve.sink.audit.KAnonymityMeasure.Answer;
import dev.sieve.sink.audit.KAnonymityMeasure.Counts;
import dev.sieve.sink.clickhouse.RetentionTtl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one statement that measures a table's k-anonymity, and the reading of its answer. ClickHouse does all the
 * counting: the statement groups the rows still within the retention window by their quasi-identifier columns
 * and returns, per grouping, only counts (smallest group, groups, rows, rows in groups below the minimum), never
 * a value.
 *
 * <p>Besides the full set of quasi-identifiers it groups by every set with one column left out
 * ({@code GROUPING SETS}), in the same pass: the k without a column says how much that column splits rows apart,
 * which is how the audit names the columns that make rows stand out. {@code grouping(c1, ..., cn)} tells the sets
 * apart: standard SQL's bit mask, 0 for the full set, and for the set without column i the bit
 * {@code 1 << (n - 1 - i)}.
 */
final class KAnonymityQuery {

    private KAnonymityQuery() {}

    /**
     * @param table   the table queries address ({@code db.table}; the Distributed table in cluster mode)
     * @param columns the quasi-identifier columns, at least one
     * @param rowTime the time a row's retention counts from, as the TTL writes it ({@link RetentionTtl#rowTime})
     * @param window  how far back rows are still kept
     * @param minK    the policy's minimum k, to count the rows in smaller groups
     */
    static String sql(String table, List<String> columns, String rowTime, Duration window, int minK) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no quasi-identifier column to group by");
        }
        List<String> sets = new ArrayList<>();
        sets.add("(" + String.join(", ", columns) + ")");
        for (String left : columns) {
            sets.add("(" + String.join(", ", columns.stream().filter(c -> !c.equals(left)).toList()) + ")");
        }
        return "SELECT grouping_set, min(n), count(), sum(n), sumIf(n, n < " + minK + ") FROM (SELECT grouping("
                + String.join(", ", columns) + ") AS grouping_set, count() AS n FROM " + table + " WHERE " + rowTime
                + " >= now() - " + RetentionTtl.interval(window) + " GROUP BY GROUPING SETS (" + String.join(", ", sets)
                + ")) GROUP BY grouping_set ORDER BY grouping_set";
    }


    static Optional<Answer> parse(List<String> columns, List<List<String>> rows) {
        Counts all = null;
        Map<Integer, Long> kByMask = new LinkedHashMap<>();
        for (List<String> r : rows) {
            int mask = Integer.parseInt(r.get(0));
            Counts counts = new Counts(Long.parseLong(r.get(1)), Long.parseLong(r.get(2)), Long.parseLong(r.get(3)),
                    Long.parseLong(r.get(4)));
            if (mask == 0) {
                all = counts;
            }
            kByMask.put(mask, counts.k());
        }
        if (all == null) {
            return Optional.empty();
        }
        Map<String, Long> kWithout = new LinkedHashMap<>();
        int n = columns.size();
        for (int i = 0; i < n; i++) {
            Long k = kByMask.get(1 << (n - 1 - i));
            if (k == null) {
                throw new IllegalStateException("the k-anonymity query returned no grouping without column "
                        + columns.get(i));
            }
            kWithout.put(columns.get(i), k);
        }
        return Optional.of(new Answer(all, kWithout));
    }
}
