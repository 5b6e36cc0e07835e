package dev.sieve.sink.scan;

import dev.sieve.scrub.IdentifierScan;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.action.KeepAction;
import dev.sieve.schemas.policy.action.ScrubUrlAction;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.ColumnType;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The columns the scan for identifiers ({@link StoredIdentifiers}) reads: every text column whose field the policy
 * does not {@code keep}. Of the columns whose action is not {@code keep}, two sorts are left out, and counted: pseudonym columns, whose form a CHECK
 * constraint of the table enforces on every insert, and typed columns (times, numbers, IP addresses), which hold no
 * free text for a recognizer to find anything in (a truncated address is an address the recognizers would flag).
 *
 * @param scanned    the columns to read, in policy order
 * @param pseudonyms how many not-kept columns hold pseudonyms
 * @param typed      how many not-kept columns are typed
 */
public record ScannedColumns(List<ScannedColumn> scanned, int pseudonyms, int typed) {

    /**
     * One column to read, and how to look into its values.
     *
     * @param identifiers the names of the recognizers that find an identifier in one stored value
     */
    public record ScannedColumn(TableLayout table, Column column, Function<String, Set<String>> identifiers) {}

    private static final Set<ColumnType> TEXT = Set.of(ColumnType.STRING, ColumnType.LOW_CARDINALITY_STRING,
            ColumnType.ARRAY_STRING);

    public static ScannedColumns of(TableCatalog catalog, IdentifierScan scan) {
        List<ScannedColumn> scanned = new ArrayList<>();
        int pseudonyms = 0;
        int typed = 0;
        for (TableLayout t : catalog.tables()) {
            for (Column c : t.columns()) {
                FieldRule rule = c.field().flatMap(f -> t.purpose().family(t.family()).flatMap(r -> r.rule(f)))
                        .orElse(null);
                if (rule == null || rule.action() instanceof KeepAction) {
                    continue;
                }
                if (c.pseudonym()) {
                    pseudonyms++;
                } else if (!TEXT.contains(c.type())) {
                    typed++;
                } else {
                    scanned.add(new ScannedColumn(t, c, rule.action() instanceof ScrubUrlAction url
                            ? v -> scan.inUrl(v, url.allowParams()) : scan::inText));
                }
            }
        }
        return new ScannedColumns(List.copyOf(scanned), pseudonyms, typed);
    }
}
