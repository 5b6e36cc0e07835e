package dev.sieve.anonymize.topology;

import dev.sieve.anonymize.action.Pseudonymize;
import dev.sieve.anonymize.projection.PurposeProjection;
import dev.sieve.anonymize.scrub.Scrubber;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.KeyRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every purpose projection the policy asks for, by family, built once at start-up. */
public final class Projections {

    private final Map<EventFamily, List<PurposeProjection>> byFamily = new EnumMap<>(EventFamily.class);

    /**
     * @param rings   a key ring for each purpose that pseudonymizes ({@code KeyRingLoader})
     * @param overlap how long a retired key still serves late events
     */
    public Projections(Policy policy, Map<String, KeyRing> rings, Duration overlap) {
        Map<String, Pseudonymize> pseudonymizers = new HashMap<>();
        rings.forEach((purpose, ring) -> pseudonymizers.put(purpose, new Pseudonymize(ring, overlap)));
        Scrubber scrubber = Scrubber.forPolicy(policy);
        for (EventFamily family : EventFamily.values()) {
            List<PurposeProjection> list = new ArrayList<>();
            for (Purpose p : policy.purposesFor(family)) {
                FamilyRule rule = p.family(family).orElseThrow();
                list.add(new PurposeProjection(p, rule, pseudonymizers.get(p.id()), scrubber));
            }
            byFamily.put(family, List.copyOf(list));
        }
    }

    public List<PurposeProjection> of(EventFamily family) {
        return byFamily.get(family);
    }
}
