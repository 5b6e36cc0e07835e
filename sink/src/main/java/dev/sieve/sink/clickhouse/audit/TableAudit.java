package dev.sieve.sink.clickhouse.audit;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.Severity;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SinkTables;
import dev.sieve.sink.clickhouse.TableDdl;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds one region's Sieve database against the tables the policy implies ({@link TableCatalog}, built by the
 * sink's migrations): every purpose and sink table present; purpose tables with exactly the policy's columns and
 * types, a CHECK constraint on every pseudonym column and the policy's TTL ({@link TtlAudit}); no other table.
 *
 * <p>Migrations never drop anything, so a field or purpose the policy no longer has leaves its column or table
 * behind: that is drift too, and a privacy drift when what it holds is personal.
 */
final class TableAudit {

    private TableAudit() {}

    static List<Finding> check(TableCatalog catalog, SchemaOptions o, String region, List<LiveTable> live) {
        Map<String, LiveTable> byName = new LinkedHashMap<>();
        live.forEach(t -> byName.put(t.name(), t));
        Set<String> expected = new HashSet<>();
        List<Finding> out = new ArrayList<>();
        for (TableLayout t : catalog.tables()) {
            for (String name : names(t, o)) {
                expected.add(name);
                LiveTable table = byName.get(name);
                if (table == null) {
                    out.add(Finding.of(Severity.ERROR, region, o.database() + "." + name, "table missing"));
                } else {
                    out.addAll(columns(t, o, region, table));
                }
            }
            Optional.ofNullable(byName.get(o.storageName(t.name()))).ifPresent(storage -> {
                out.addAll(constraints(t, o, region, storage));
                out.addAll(TtlAudit.check(t, o, region, storage));
            });
        }
        for (String name : SinkTables.NAMES) {
            expected.add(name);
            if (!byName.containsKey(name)) {
                out.add(Finding.of(Severity.ERROR, region, o.database() + "." + name,
                        "sink table missing (legal holds and audit trails need it)"));
            }
        }
        for (LiveTable table : live) {
            if (!expected.contains(table.name())) {
                out.add(extraTable(o, region, table));
            }
        }
        return out;
    }

    /** In cluster mode the Distributed table and its {@code _local} storage table both carry the columns. */
    private static List<String> names(TableLayout t, SchemaOptions o) {
        String storage = o.storageName(t.name());
        return storage.equals(t.name()) ? List.of(storage) : List.of(t.name(), storage);
    }

    private static List<Finding> columns(TableLayout t, SchemaOptions o, String region, LiveTable table) {
        List<Finding> out = new ArrayList<>();
        String prefix = o.database() + "." + table.name() + ".";
        for (Column c : t.columns()) {
            Optional<LiveTable.Column> live = table.column(c.name());
            if (live.isEmpty()) {
                out.add(Finding.of(Severity.ERROR, region, prefix + c.name(), "column missing", "none", c.sqlType()));
            } else if (!live.get().type().equals(c.sqlType())) {
                out.add(Finding.of(Severity.ERROR, region, prefix + c.name(), "type differs", live.get().type(),
                        c.sqlType()));
            }
        }
        for (LiveTable.Column live : table.columns()) {
            if (t.column(live.name()).isEmpty()) {
                out.add(extraColumn(t, region, prefix + live.name(), live));
            }
        }
        return out;
    }

    /** A column the policy does not list holds data the policy says to drop; personal data makes it privacy. */
    private static Finding extraColumn(TableLayout t, String region, String object, LiveTable.Column live) {
        Optional<PrivacyClass> privacy = t.family().field(live.name()).map(ContractField::privacy)
                .filter(p -> p != PrivacyClass.NON_PERSONAL);
        if (privacy.isEmpty()) {
            return Finding.of(Severity.ERROR, region, object, "column the policy does not have", live.type(), "none");
        }
        return Finding.of(Severity.PRIVACY, region, object, "column the policy does not allow ("
                + privacy.get().id().replace('_', ' ') + " in a " + t.purpose().identifiers().id()
                + " purpose's table)",
                live.type(), "none");
    }

    /**
     * Every pseudonym column keeps the policy's CHECK, the last line of defence against a raw identifier in a
     * table analysts read. ClickHouse stores the expression as the migration wrote it.
     */
    private static List<Finding> constraints(TableLayout t, SchemaOptions o, String region, LiveTable storage) {
        List<Finding> out = new ArrayList<>();
        String query = storage.createTableQuery();
        for (Column c : t.columns()) {
            if (!c.pseudonym()) {
                continue;
            }
            String object = o.database() + "." + storage.name() + "." + c.name();
            String named = "CONSTRAINT " + TableDdl.constraintName(c) + " CHECK ";
            String exact = named + TableDdl.pseudonymCheck(c);
            if (!query.contains(named)) {
                out.add(Finding.of(Severity.PRIVACY, region, object, "pseudonym column without its CHECK constraint "
                        + TableDdl.constraintName(c) + ": a raw identifier would be stored"));
            } else if (!query.contains(exact + ",") && !query.contains(exact + ")")) {
                out.add(Finding.of(Severity.PRIVACY, region, object, "CHECK constraint " + TableDdl.constraintName(c)
                        + " differs from the policy's: it may let raw identifiers in"));
            }
        }
        return out;
    }

    private static Finding extraTable(SchemaOptions o, String region, LiveTable table) {
        String object = o.database() + "." + table.name();
        return table.totalRows().filter(rows -> rows > 0)
                .map(rows -> Finding.of(Severity.PRIVACY, region, object, "table the policy does not have, holding "
                        + rows + (rows == 1 ? " row" : " rows")))
                .orElseGet(() -> Finding.of(Severity.ERROR, region, object, "table the policy does not have ("
                        + table.totalRows().map(rows -> "empty").orElse(table.engine() + ", rows unknown") + ")"));
    }
}
