package dev.sieve.sink.subject;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.IdentifierRole;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.StoredValues;
import dev.sieve.sink.store.TimeWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is affected when the rows of some tables in a time window leaked (policy 7.4): the people to inform, by region.
 *
 * <p>A table of a raw purpose holds the subject and device ids themselves: they are read as they are. A pseudonymous
 * table holds pseudonyms, which no key turns back into ids; they are resolved by trying candidates: every subject and
 * device id the region's raw tables hold (whatever its time), pseudonymized with every form {@link SubjectIdentifiers}
 * knows (the purpose's keys of the live epochs, the live salts of rotating pseudonyms), is matched against the leaked
 * pseudonyms. What no candidate matches stays <em>unresolved</em> and is only counted: a person who appears in no raw
 * table of the region any more (the raw tables keep rows for less time than some pseudonymous ones), or a pseudonym of
 * a period whose salt is destroyed, which no one can link to a person at all.
 *
 * <p>The affected ids of one region are held in memory (a map of the distinct ids), and so are the leaked pseudonyms
 * of the window and the raw ids tried; the stores are read page by page ({@link StoredValues}).
 */
public final class IncidentScope {

    /**
     * One person (or device) whose rows are in the window.
     *
     * @param identifier {@code subject_id} or {@code device_id}
     * @param value      the raw id
     * @param tables     the tables in scope holding rows of it, in policy order
     * @param rows       how many rows of those tables in the window hold it
     */
    public record Affected(String region, String identifier, String value, List<String> tables, long rows) {}

    /** Pseudonyms in the window of one table's column that no candidate matched, and the rows holding them. */
    public record Unresolved(String region, String table, String column, long pseudonyms, long rows) {}

    /** The affected people of every region, then what could not be resolved. */
    public record Scope(List<Affected> affected, List<Unresolved> unresolved) {

        /** By region, in region order: how many distinct ids of each kind ({@code subject_id}, {@code device_id}). */
        public Map<String, Map<String, Long>> counts() {
            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
            affected.forEach(a -> out.computeIfAbsent(a.region(), r -> new TreeMap<>()).merge(a.identifier(), 1L,
                    Long::sum));
            return out;
        }
    }

    private final List<TableLayout> allTables;
    private final RegionStores stores;
    private final SubjectIdentifiers identifiers;

    public IncidentScope(RegionStores stores, SubjectIdentifiers identifiers) {
        this.allTables = identifiers.catalog().tables();
        this.stores = stores;
        this.identifiers = identifiers;
    }

    /** The people whose rows of the tables lie in the window, in every region. */
    public Scope of(List<TableLayout> tables, TimeWindow window) {
        List<Affected> affected = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        stores.all().forEach((region, store) -> {
            Region r = new Region(region, store.values());
            r.read(tables, window);
            r.resolve();
            affected.addAll(r.affected());
            unresolved.addAll(r.unresolved());
        });
        return new Scope(affected, unresolved);
    }

    /** The leaked pseudonyms of one table's column, each with its row count, until resolved. */
    private record Leaked(TableLayout table, Column column, Map<String, Long> rowsByPseudonym) {}

    private final class Region {

        private final String region;
        private final StoredValues values;
        /** (identifier, raw id) → tables and rows. */
        private final Map<List<String>, Found> found = new LinkedHashMap<>();
        private final List<Leaked> leaked = new ArrayList<>();

        Region(String region, StoredValues values) {
            this.region = region;
            this.values = values;
        }

        void read(List<TableLayout> tables, TimeWindow window) {
            for (TableLayout t : tables) {
                for (Column c : t.identifierColumns()) {
                    if (c.identifier() == IdentifierRole.RAW) {
                        values.forEach(t, c, Optional.of(window), (v, n) -> add(c.name(), v, t, n));
                    } else {
                        Map<String, Long> pseudonyms = new HashMap<>();
                        values.forEach(t, c, Optional.of(window), pseudonyms::put);
                        if (!pseudonyms.isEmpty()) {
                            leaked.add(new Leaked(t, c, pseudonyms));
                        }
                    }
                }
            }
        }

        /** Tries each raw id of the region's raw tables against the leaked pseudonyms of its kind. */
        void resolve() {
            if (leaked.isEmpty()) {
                return;
            }
            Map<String, Set<String>> candidates = new TreeMap<>();
            for (TableLayout t : allTables) {
                for (Column c : t.identifierColumns()) {
                    if (c.identifier() == IdentifierRole.RAW && leaked.stream()
                            .anyMatch(l -> l.column().name().equals(c.name()))) {
                        Set<String> ids = candidates.computeIfAbsent(c.name(), k -> new LinkedHashSet<>());
                        values.forEach(t, c, Optional.empty(), (v, n) -> ids.add(v));
                    }
                }
            }
            candidates.forEach((identifier, ids) -> {
                for (String id : ids) {
                    Subject subject = identifier.equals("subject_id") ? new Subject(Optional.of(id), Optional.empty())
                            : new Subject(Optional.empty(), Optional.of(id));
                    for (Leaked l : leaked) {
                        if (!l.column().name().equals(identifier) || l.rowsByPseudonym().isEmpty()) {
                            continue;
                        }
                        for (String form : identifiers.forTable(l.table(), subject).getOrDefault(l.column(), Set.of())) {
                            Long rows = l.rowsByPseudonym().remove(form);
                            if (rows != null) {
                                add(identifier, id, l.table(), rows);
                            }
                        }
                    }
                }
            });
        }

        private void add(String identifier, String id, TableLayout table, long rows) {
            Found f = found.computeIfAbsent(List.of(identifier, id), k -> new Found());
            f.tables.add(allTables.indexOf(table));
            f.rows += rows;
        }

        List<Affected> affected() {
            return found.entrySet().stream().map(e -> new Affected(region, e.getKey().get(0), e.getKey().get(1),
                    e.getValue().tables.stream().map(i -> allTables.get(i).name()).toList(), e.getValue().rows))
                    .toList();
        }

        List<Unresolved> unresolved() {
            return leaked.stream().filter(l -> !l.rowsByPseudonym().isEmpty())
                    .map(l -> new Unresolved(region, l.table().name(), l.column().name(), l.rowsByPseudonym().size(),
                            l.rowsByPseudonym().values().stream().mapToLong(Long::longValue).sum()))
                    .toList();
        }
    }

    private static final class Found {
        private final Set<Integer> tables = new TreeSet<>();
        private long rows;
    }
}
