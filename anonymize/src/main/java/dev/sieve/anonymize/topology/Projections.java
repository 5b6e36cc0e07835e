package dev.sieve.anonymize.topology;

import dev.sieve.anonymize.action.Pseudonymizers;
import dev.sieve.anonymize.projection.PurposeProjection;
import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every purpose projection the policy asks for, by family, built once at start-up. */
public final class Projections {

    private final Map<EventFamily, List<PurposeProjection>> byFamily = new EnumMap<>(EventFamily.class);
    /** Salts of rotating pseudonyms, read from the topology's salt store once a processor binds it. */
    private final StoreSalts store = new StoreSalts();

    /**
     * For {@link AnonymizeTopology}: rotating pseudonyms use the salts of the topology's salt store.
     *
     * @param rings   a key ring for each purpose that pseudonymizes, asked for at every event
     *                ({@code ReloadingKeyRings}: a key added to {@code keys.dir} is used without a restart)
     * @param overlap how long a retired key still serves late events
     */
    public Projections(Policy policy, KeyRings rings, Duration overlap) {
        this(policy, rings, overlap, null);
    }

    /** With keys that never change (tests, benchmarks). */
    public Projections(Policy policy, Map<String, KeyRing> rings, Duration overlap) {
        this(policy, KeyRings.fixed(rings), overlap, null);
    }

    /**
     * For projecting outside a topology (benchmarks): rotating pseudonyms use {@code salts}, not a store.
     */
    public Projections(Policy policy, Map<String, KeyRing> rings, Duration overlap, RotatingSalts salts) {
        this(policy, KeyRings.fixed(rings), overlap, salts);
    }

    private Projections(Policy policy, KeyRings rings, Duration overlap, RotatingSalts salts) {
        Map<String, Pseudonymizers> pseudonymizers = new HashMap<>();
        for (Purpose p : policy.purposes().values()) {
            pseudonymizers.put(p.id(), new Pseudonymizers(p.id(), rings, overlap,
                    salts == null ? store : salts));
        }
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

    StoreSalts salts() {
        return store;
    }

    public List<PurposeProjection> of(EventFamily family) {
        return byFamily.get(family);
    }
}
