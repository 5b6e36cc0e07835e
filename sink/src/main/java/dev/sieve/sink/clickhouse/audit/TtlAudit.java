package dev.sieve.sink.clickhouse.audit;

import dev.sieve.schemas.policy.Durations;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.Severity;
import dev.sieve.sink.clickhouse.ClickHouseErrors;
import dev.sieve.sink.clickhouse.HoldPredicate;
import dev.sieve.sink.clickhouse.RetentionTtl;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SinkTables;
import dev.sieve.sink.clickhouse.audit.LiveTtl.DeleteRule;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds a purpose table's live TTL against the one the policy implies ({@link RetentionTtl}): one delete rule,
 * counting from the same time, no longer than the table's retention, sparing exactly the rows under legal hold.
 *
 * <p>A shorter retention is a note, not drift: ops shorten tables at run time on {@code sieve.control.retention}
 * (each change recorded in {@value SinkTables#RETENTION_AUDIT}), and keeping data for less time than the policy
 * allows breaks no promise. A longer one is drift whoever made it.
 */
final class TtlAudit {

    private TtlAudit() {}

    /**
     * @param storage the table that holds the rows (in cluster mode the {@code _local} table)
     */
    static List<Finding> check(TableLayout table, SchemaOptions o, String region, LiveTable storage) {
        String object = o.database() + "." + storage.name();
        String policy = Durations.format(table.retention());
        Optional<LiveTtl> ttl = LiveTtl.of(storage.createTableQuery());
        if (ttl.isEmpty() || ttl.get().deleteRules().isEmpty()) {
            return List.of(Finding.of(Severity.PRIVACY, region, object, "no TTL deletes its rows: they never expire",
                    "none", policy));
        }
        List<String> rules = ttl.get().deleteRules();
        if (rules.size() > 1) {
            return List.of(Finding.of(Severity.ERROR, region, object, "TTL has " + rules.size()
                    + " delete rules, the policy's has one: check it by hand"));
        }
        Optional<DeleteRule> parsed = DeleteRule.parse(rules.get(0));
        if (parsed.isEmpty()) {
            return List.of(Finding.of(Severity.PRIVACY, region, object, "TTL is not <time> + <interval>, so its"
                    + " retention cannot be told: check it by hand", "unreadable", policy));
        }
        DeleteRule rule = parsed.get();
        List<Finding> out = new ArrayList<>();
        if (!rule.time().equals(RetentionTtl.rowTime(table))) {
            // Literals could be anything an operator typed; the expression's shape is what matters here.
            out.add(Finding.of(Severity.PRIVACY, region, object, "TTL counts from another time (a device clock set"
                    + " ahead may keep rows longer)", ClickHouseErrors.redact(rule.time()),
                    RetentionTtl.rowTime(table)));
        }
        int longer = rule.interval().atMost().compareTo(table.retention());
        if (longer > 0) {
            out.add(Finding.of(Severity.PRIVACY, region, object, "TTL longer than the policy's retention",
                    rule.interval().toString(), policy));
        } else if (longer < 0) {
            out.add(Finding.of(Severity.NOTE, region, object, "TTL shorter than the policy's retention (ops may"
                    + " shorten it at run time; see " + SinkTables.RETENTION_AUDIT + ")", rule.interval().toString(),
                    policy));
        }
        out.addAll(holds(table, o, region, object, rule.where().orElse("")));
        return out;
    }

    /**
     * Every identifier column's hold condition must be in the rule's WHERE, and nothing else: a missing one lets
     * the TTL delete held rows; an extra one spares rows no hold covers.
     */
    private static List<Finding> holds(TableLayout table, SchemaOptions o, String region, String object,
            String where) {
        List<String> conditions = HoldPredicate.conditions(table, o);
        List<Column> ids = table.identifierColumns();
        List<String> unguarded = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            if (!where.contains(conditions.get(i))) {
                unguarded.add(ids.get(i).name());
            }
        }
        if (!unguarded.isEmpty()) {
            return List.of(Finding.of(Severity.ERROR, region, object, "TTL deletes rows under legal hold: no hold"
                    + " condition on " + String.join(", ", unguarded)));
        }
        // What is left once the hold conditions are taken out must be only the ANDs joining them (ClickHouse
        // brackets each operand of a multi-part AND), in whatever order.
        String rest = where;
        for (String c : conditions) {
            rest = rest.replace("(" + c + ")", "").replace(c, "");
        }
        if (!rest.replaceAll("AND|[()\\s]", "").isEmpty()) {
            return List.of(Finding.of(Severity.PRIVACY, region, object, "TTL spares rows no legal hold covers: its"
                    + " WHERE has conditions beyond the holds'"));
        }
        return List.of();
    }
}
