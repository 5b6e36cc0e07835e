package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.EventFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changing from one policy to another would change, in the words of the tables and topics it drives:
 * purposes, consent rules and identifier forms, tables, columns and their actions, retentions, regions, the
 * minimum k-anonymity. One
 * line per change, {@code +} added, {@code -} removed, {@code ~} changed, in policy order: reviewed before a
 * policy change is applied.
 */
public final class PolicyDiff {

    private PolicyDiff() {}

    public static List<String> between(Policy before, Policy after) {
        List<String> out = new ArrayList<>();
        changed(out, "max_retention", Durations.format(before.maxRetention()), Durations.format(after.maxRetention()));
        changed(out, "response_period", Durations.format(before.responsePeriod()),
                Durations.format(after.responsePeriod()));
        for (TopicClass c : TopicClass.values()) {
            changed(out, "topics." + c.id() + " retention", Durations.format(before.topicRetention(c)),
                    Durations.format(after.topicRetention(c)));
        }
        for (String region : union(before.regions().keySet(), after.regions().keySet())) {
            Region b = before.regions().get(region);
            Region a = after.regions().get(region);
            if (b == null) {
                out.add("+ region " + region + " (" + a.country() + ")");
            } else if (a == null) {
                out.add("- region " + region);
            } else {
                changed(out, "region " + region + " country", b.country(), a.country());
            }
        }
        KAnonymity kb = before.kAnonymity();
        KAnonymity ka = after.kAnonymity();
        changed(out, "k_anonymity.min_k", String.valueOf(kb.minK()), String.valueOf(ka.minK()));
        for (String id : union(kb.byPurpose().keySet(), ka.byPurpose().keySet())) {
            changed(out, "purpose " + id + " k_anonymity.min_k", String.valueOf(kb.minK(id)),
                    String.valueOf(ka.minK(id)));
        }
        for (String id : inOrder(before.purposes(), after.purposes())) {
            purpose(out, before.purposes().get(id), after.purposes().get(id), id);
        }
        return out;
    }

    private static void purpose(List<String> out, Purpose b, Purpose a, String id) {
        if (b == null) {
            out.add("+ purpose " + id + " (section " + a.section().id() + ", consent " + consent(a) + ", identifiers "
                    + a.identifiers().id() + ")");
        } else if (a == null) {
            out.add("- purpose " + id + ": its tables stop receiving rows; stored rows stay until their TTL");
        } else {
            changed(out, "purpose " + id + " section", b.section().id(), a.section().id());
            changed(out, "purpose " + id + " consent", consent(b), consent(a));
            changed(out, "purpose " + id + " identifiers", b.identifiers().id(), a.identifiers().id());
        }
        for (EventFamily family : EventFamily.values()) {
            FamilyRule fb = b == null ? null : b.families().get(family);
            FamilyRule fa = a == null ? null : a.families().get(family);
            String table = id + "_" + family.id();
            if (fb == null && fa == null) {
                continue;
            }
            if (fb == null) {
                out.add("+ table " + table + " (retention " + Durations.format(fa.retention()) + ")");
            } else if (fa == null) {
                out.add("- table " + table);
                continue;
            } else {
                changed(out, "table " + table + " retention", Durations.format(fb.retention()),
                        Durations.format(fa.retention()));
            }
            columns(out, table, fb == null ? Map.of() : fb.fields(), fa.fields());
        }
    }

    private static void columns(List<String> out, String table, Map<String, FieldRule> before,
            Map<String, FieldRule> after) {
        for (String field : inOrder(before, after)) {
            FieldRule b = before.get(field);
            FieldRule a = after.get(field);
            if (b == null) {
                out.add("+ column " + table + "." + field + " (" + a.action().describe() + ")");
            } else if (a == null) {
                out.add("- column " + table + "." + field + " (dropped from now on; stored values stay)");
            } else {
                changed(out, "column " + table + "." + field, b.action().describe(), a.action().describe());
            }
        }
    }

    private static void changed(List<String> out, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            out.add("~ " + what + ": " + before + " -> " + after);
        }
    }

    private static String consent(Purpose p) {
        return p.consentRequired() ? "required" : "not required";
    }

    /** Keys of {@code before} in its order, then keys only {@code after} has, in its order. */
    private static <V> List<String> inOrder(Map<String, V> before, Map<String, V> after) {
        List<String> keys = new ArrayList<>(before.keySet());
        for (String k : after.keySet()) {
            if (!before.containsKey(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
