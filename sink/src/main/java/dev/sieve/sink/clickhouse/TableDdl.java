package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.ColumnType;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * DDL of one purpose table, generated from its {@link TableLayout}. Every statement is idempotent: creation
 * is {@code IF NOT EXISTS}, evolution only ever adds columns and constraints {@code IF NOT EXISTS}, and
 * nothing is dropped. The TTL in {@code CREATE} is the policy's; a table that already exists keeps the TTL
 * ops set at run time.
 */
public final class TableDdl {

    private TableDdl() {}

    /** Creates the table (in cluster mode: the replicated local table, then the Distributed table). */
    public static List<String> create(TableLayout t, SchemaOptions o) {
        List<String> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(o.storage(t.name()))
                .append(o.onCluster()).append("\n(\n");
        List<String> lines = new ArrayList<>();
        for (Column c : t.columns()) {
            lines.add("    " + c.name() + " " + c.sqlType());
        }
        for (Column c : t.columns()) {
            if (c.pseudonym()) {
                lines.add("    CONSTRAINT " + constraintName(c) + " CHECK " + pseudonymCheck(c));
            }
        }
        sql.append(String.join(",\n", lines)).append("\n)\nENGINE = ").append(Engines.purposeTable(o))
                .append("\nPARTITION BY toYYYYMM(").append(t.timeColumn().name()).append(")")
                .append("\nORDER BY (").append(String.join(", ", t.orderBy())).append(")")
                .append("\nTTL ").append(RetentionTtl.expression(t, t.retention(), o))
                .append("\nSETTINGS ").append(Engines.deduplicationSetting(o));
        out.add(sql.toString());
        o.cluster().ifPresent(cluster -> out.add("CREATE TABLE IF NOT EXISTS " + o.qualified(t.name())
                + o.onCluster() + " AS " + o.storage(t.name()) + "\nENGINE = Distributed(" + cluster + ", "
                + o.database() + ", " + t.name() + SchemaOptions.LOCAL_SUFFIX + ", " + shardingKey(t) + ")"));
        return out;
    }

    /**
     * Adds columns and pseudonym constraints a newer policy introduced. Each column goes after its predecessor
     * in policy order, so an evolved table has the same column order as a freshly created one.
     */
    public static List<String> evolve(TableLayout t, SchemaOptions o) {
        List<String> adds = new ArrayList<>();
        String previous = null;
        for (Column c : t.columns()) {
            adds.add("ADD COLUMN IF NOT EXISTS " + c.name() + " " + c.sqlType()
                    + (previous == null ? " FIRST" : " AFTER " + previous));
            previous = c.name();
        }
        for (Column c : t.columns()) {
            if (c.pseudonym()) {
                adds.add("ADD CONSTRAINT IF NOT EXISTS " + constraintName(c) + " CHECK " + pseudonymCheck(c));
            }
        }
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + o.storage(t.name()) + o.onCluster() + "\n    " + String.join(",\n    ", adds));
        if (o.cluster().isPresent()) {
            // The Distributed table needs the new columns too; constraints only live on the storage table.
            out.add("ALTER TABLE " + o.qualified(t.name()) + o.onCluster() + "\n    " + String.join(",\n    ",
                    adds.stream().filter(a -> a.startsWith("ADD COLUMN")).toList()));
        }
        return out;
    }

    /** The name of a pseudonym column's CHECK constraint. */
    public static String constraintName(Column c) {
        return c.name() + "_is_pseudonym";
    }

    /**
     * Defence in depth: a pseudonymous table refuses a raw identifier outright, so an anonymize bug cannot
     * leak identities into tables analysts read. The sink dead-letters such rows with ClickHouse's error.
     */
    public static String pseudonymCheck(Column c) {
        String match = "match(%s, '" + Column.PSEUDONYM_REGEX + "')";
        if (c.type() == ColumnType.ARRAY_STRING) {
            return "arrayAll(p -> " + match.formatted("p") + ", " + c.name() + ")";
        }
        return c.nullable() ? "isNull(" + c.name() + ") OR " + match.formatted(c.name()) : match.formatted(c.name());
    }

    /** Spreads rows evenly and deterministically, so a replayed batch reaches each shard as the same block. */
    static String shardingKey(TableLayout t) {
        return t.column(TableLayout.EVENT_ID).filter(c -> !c.nullable()).map(c -> "cityHash64(" + c.name() + ")")
                .orElse("cityHash64(" + TableLayout.INGESTED_AT + ")");
    }
}
