package dev.sieve.benchmarks.e2e.floor;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.local.StreamsStage;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The floor's Kafka Streams applications for a {@link dev.sieve.local.LocalPipeline}, in place of enrich and
 * anonymize ({@link FloorTopology}). Each runs with the production stage's Kafka Streams settings
 * ({@link dev.sieve.streams.StageSettings#streamsProperties()}: exactly-once v2, the same commit interval and client
 * settings), under an application id of its own.
 */
public final class FloorStages {

    private FloorStages() {}

    /** Two applications, as Sieve runs: raw → enriched, enriched → purposes. */
    public static List<StreamsStage> twoApplications() {
        return List.of(
                new StreamsStage("floor-anonymize", (enrich, anonymize, env) -> {
                    Policy policy = anonymize.stage().loadPolicy();
                    return new StreamsApp("floor-anonymize", FloorTopology.anonymize(new Topics(policy),
                            projections(policy, anonymize, env), Metrics.globalRegistry),
                            anonymize.stage().withApplicationId("sieve-floor-anonymize").streamsProperties());
                }),
                new StreamsStage("floor-enrich", (enrich, anonymize, env) -> new StreamsApp("floor-enrich",
                        FloorTopology.enrich(new Topics(enrich.stage().loadPolicy()), Metrics.globalRegistry),
                        enrich.stage().withApplicationId("sieve-floor-enrich").streamsProperties())));
    }

    /** One application: raw → purposes, one hop and one transaction fewer per event. */
    public static List<StreamsStage> oneApplication() {
        return List.of(new StreamsStage("floor-composed", (enrich, anonymize, env) -> {
            Policy policy = anonymize.stage().loadPolicy();
            return new StreamsApp("floor-composed", FloorTopology.composed(new Topics(policy),
                    projections(policy, anonymize, env), Metrics.globalRegistry),
                    anonymize.stage().withApplicationId("sieve-floor-composed").streamsProperties());
        }));
    }

    private static Map<EventFamily, List<KeptProjection>> projections(Policy policy, AnonymizeApp.Settings settings,
            Map<String, String> env) throws KeyException {
        Map<String, KeyRing> rings = KeyRingLoader.load(policy, settings.keysDir().orElse(null), env);
        Instant now = Instant.now();
        // A purpose without a ring pseudonymizes nothing, so its prefix is never used.
        return KeptProjection.forPolicy(policy, p -> rings.containsKey(p.id()) ? rings.get(p.id()).keyAt(now).id()
                : "none");
    }
}
