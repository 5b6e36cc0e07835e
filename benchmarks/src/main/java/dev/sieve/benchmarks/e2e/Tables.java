package dev.sieve.benchmarks.e2e;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The tables an event of each family lands in, from the policy: one per purpose that receives the family and needs
 * no consent. The benchmark records no consent, so purposes that need it receive nothing (anonymize suppresses
 * those copies, as it must). Of those, the tables of purposes that see raw identifiers are the ones whose rows can be
 * attributed to their event: only they keep the collector's {@code event_id} and the sink's exact insert time;
 * elsewhere both are made unlinkable on purpose (README, "What is protected against linkage").
 */
public final class Tables {

    private final Map<EventFamily, List<TableLayout>> byFamily = new EnumMap<>(EventFamily.class);
    private final Map<EventFamily, List<TableLayout>> attributable = new EnumMap<>(EventFamily.class);
    private final List<TableLayout> all = new ArrayList<>();

    public Tables(Policy policy) {
        TableCatalog catalog = new TableCatalog(policy);
        for (EventFamily family : EventFamily.values()) {
            List<TableLayout> tables = new ArrayList<>();
            for (Purpose purpose : policy.purposesFor(family)) {
                if (!purpose.consentRequired()) {
                    tables.add(table(catalog, purpose.tableName(family)));
                }
            }
            List<TableLayout> raw = tables.stream().filter(TableLayout::holdsRawIdentifiers).toList();
            if (raw.isEmpty()) {
                throw new IllegalStateException("no table of a raw purpose receives " + family.id()
                        + ": its events' landing could not be attributed");
            }
            byFamily.put(family, List.copyOf(tables));
            attributable.put(family, raw);
            all.addAll(tables);
        }
    }

    private static TableLayout table(TableCatalog catalog, String name) {
        TableLayout table = catalog.table(name).orElseThrow();
        if (table.holdsRawIdentifiers() && table.column("event_id").isEmpty()) {
            // Landing times are read back by event id; a table without it could not be attributed.
            throw new IllegalStateException("table " + table.name() + " keeps no event_id");
        }
        return table;
    }

    /** The tables of {@code family} whose rows name their event: those of purposes that see raw identifiers. */
    public List<TableLayout> attributable(EventFamily family) {
        return attributable.get(family);
    }

    /** Every table whose rows name their event. */
    public List<TableLayout> allAttributable() {
        return attributable.values().stream().flatMap(List::stream).toList();
    }

    /** The tables an event of {@code family} lands in. */
    public List<TableLayout> of(EventFamily family) {
        return byFamily.get(family);
    }

    /** Every table some event lands in. */
    public List<TableLayout> all() {
        return List.copyOf(all);
    }

    /** Rows that events {@code 0 … n-1} of {@link MixedEvents} add, over all tables. */
    public long rows(int n) {
        long rows = 0;
        for (long seq = 0; seq < n; seq++) {
            rows += of(MixedEvents.family(seq)).size();
        }
        return rows;
    }
}
