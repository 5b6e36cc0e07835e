package dev.sieve.e2e;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.action.KeepAction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the policy says each table must hold, computed from the policy file alone and the events sent: a table
 * {@code <purpose>_<family>} holds every accepted event of its family whose subject, when enrich read it, had
 * consented to the purpose if the purpose needs consent; minus every event of an erased person; minus every event
 * older than a retention ops set at run time.
 */
final class Prediction {

    private final Policy policy;
    private final Set<Person> erased = new HashSet<>();
    private final Map<String, Duration> retention = new LinkedHashMap<>();

    Prediction(Policy policy) {
        this.policy = policy;
    }

    void erased(Person p) {
        erased.add(p);
    }

    void retention(String table, Duration d) {
        retention.put(table, d);
    }

    /** Event ids each table must hold, by table name, for every table of the policy. */
    Map<String, Set<String>> eventIds(List<Sent> sent, Instant now) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Purpose purpose : policy.purposes().values()) {
            for (EventFamily family : purpose.families().keySet()) {
                String table = purpose.tableName(family);
                Duration kept = retention.get(table);
                out.put(table, sent.stream()
                        .filter(s -> s.family() == family)
                        .filter(s -> !purpose.consentRequired() || s.consented().contains(purpose.id()))
                        .filter(s -> !erased.contains(s.person()))
                        .filter(s -> kept == null || s.eventTime().isAfter(now.minus(kept)))
                        .map(Sent::eventId)
                        .collect(Collectors.toCollection(HashSet::new)));
            }
        }
        return out;
    }

    /** Rows each table must hold. */
    Map<String, Long> rows(List<Sent> sent, Instant now) {
        Map<String, Long> out = new TreeMap<>();
        eventIds(sent, now).forEach((table, ids) -> out.put(table, (long) ids.size()));
        return out;
    }

    /**
     * The identifier values a table may hold: those planted in a field its purpose keeps as collected
     * ({@code keep}). Every other identifier value sent must not appear in it anywhere, in any form of text.
     */
    static Set<String> allowedValues(Purpose purpose, EventFamily family, List<Sent> sent) {
        FamilyRule rule = purpose.family(family).orElseThrow();
        Set<String> allowed = new HashSet<>();
        for (Sent s : sent) {
            if (s.family() != family) {
                continue;
            }
            s.planted().forEach((field, value) -> {
                if (rule.rule(field).map(r -> r.action() instanceof KeepAction).orElse(false)) {
                    allowed.add(value);
                }
            });
        }
        return allowed;
    }

    /** Does the purpose keep this event field as collected? */
    static boolean keeps(Purpose purpose, EventFamily family, String field) {
        return purpose.family(family).flatMap(r -> r.rule(field)).map(r -> r.action() instanceof KeepAction).orElse(false);
    }
}
