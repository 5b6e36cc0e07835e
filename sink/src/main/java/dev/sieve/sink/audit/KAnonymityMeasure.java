package dev.sieve.sink.audit;

import dev.sieve.schemas.policy.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The k-anonymity of one non-raw table in one region: the size of the smallest group of rows sharing the same
 * quasi-identifier values among the rows still within the table's retention. It holds counts and column names
 * only, never a value.
 *
 * @param scope   the region
 * @param table   {@code db.table}
 * @param columns the table's quasi-identifier columns; empty when it has none (then k is not measured)
 * @param minK    the policy's minimum k for the table
 * @param window  how far back rows are still kept (the live TTL's retention when shorter than the policy's)
 * @param answer  what the store counted; empty when no row is within the window or there is no column
 */
public record KAnonymityMeasure(String scope, String table, List<String> columns, int minK, Duration window,
        Optional<Answer> answer) {

    /**
     * What one grouping found.
     *
     * @param k          the size of the smallest group
     * @param groups     how many groups
     * @param rows       rows within the window
     * @param rowsBelow  rows in groups smaller than the minimum
     */
    public record Counts(long k, long groups, long rows, long rowsBelow) {}

    /**
     * The answer: the counts over all quasi-identifiers, and k with each column left out, by column in the
     * columns' order; empty when no row is within the window.
     */
    public record Answer(Counts all, Map<String, Long> kWithout) {}

    public KAnonymityMeasure {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(answer, "answer");
    }

    /** {@code measured}, {@code empty} (no row within the window) or {@code no_quasi_identifiers}. */
    public String status() {
        return columns.isEmpty() ? "no_quasi_identifiers" : answer.isEmpty() ? "empty" : "measured";
    }

    public boolean belowMinimum() {
        return answer.filter(a -> a.all().k() < minK).isPresent();
    }

    /** {@code K cn-north sieve.t: k 7, minimum 5, over a, b: 120 rows in 9 groups within 365d}. */
    public String line() {
        String head = "K " + scope + " " + table + ": ";
        if (columns.isEmpty()) {
            return head + "no quasi-identifier column, k not measured";
        }
        String over = "over " + String.join(", ", columns);
        return answer.map(a -> head + "k " + a.all().k() + ", minimum " + minK + ", " + over + ": " + a.all().rows()
                        + " rows in " + a.all().groups() + " groups within " + Durations.format(window))
                .orElseGet(() -> head + "no rows within " + Durations.format(window) + ", k not measured (" + over
                        + ")");
    }

    /**
     * The privacy drift when k is below the minimum, naming what makes rows stand out: the column (or tied
     * columns) whose removal raises k the most, or, when no single removal raises it, all of them together.
     */
    public Optional<Finding> finding() {
        if (!belowMinimum()) {
            return Optional.empty();
        }
        Answer a = answer.orElseThrow();
        long best = Collections.max(a.kWithout().values());
        String why;
        if (best > a.all().k()) {
            List<String> culprits = a.kWithout().entrySet().stream().filter(e -> e.getValue() == best)
                    .map(e -> e.getKey()).toList();
            why = "rows stand out by " + String.join(", ", culprits) + " (without " + (culprits.size() == 1 ? "it"
                    : "any one of them") + " k would be " + best + ": the largest rise from removing one column)";
        } else {
            why = "no single column's removal raises k: " + String.join(", ", columns) + " single rows out together";
        }
        return Optional.of(Finding.of(Severity.PRIVACY, scope, table, "k-anonymity below the policy's minimum: "
                + a.all().rowsBelow() + " of " + a.all().rows() + " rows within " + Durations.format(window)
                + " are in groups smaller than " + minK + "; " + why, "k " + a.all().k(), "k >= " + minK));
    }
}
