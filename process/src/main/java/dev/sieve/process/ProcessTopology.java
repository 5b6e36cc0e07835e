package dev.sieve.process;

import dev.sieve.anonymize.topology.AnonymizeTopology;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.enrich.topology.EnrichTopology;
import dev.sieve.enrich.topology.EventEnricher;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * Enrich and anonymize as one topology: {@code sieve.raw.<family>} → enrich → anonymize →
 * {@code sieve.purpose.<purpose>.<family>}, each family's enriched events handed from one processor to the next in
 * the same task, so an event crosses Kafka once and in one transaction, not twice. Each stage is the one its own
 * application runs ({@link EnrichTopology#addTo}, {@link AnonymizeTopology#addTo}), with its stores, dead-letter
 * topic and metrics.
 *
 * <p>No record is written to {@code sieve.enriched.<family>}: nothing but anonymize reads it. Anonymize still reads
 * it, as its replay entry: {@code sieve dlq replay --stage anonymize} writes anonymize's dead letters back there.
 * Anonymize needs no other key than the raw record's (its stores are global and it keys its outputs itself), so
 * nothing is repartitioned. Building it has no side effects.
 */
public final class ProcessTopology {

    private ProcessTopology() {}

    /**
     * @param dedupWindow enrich's de-duplication window
     * @param erasureList the key that turns an event's ids into erasure-list entries
     */
    public static Topology build(Topics topics, EventEnricher enricher, Duration dedupWindow, Projections projections,
            ErasureListKey erasureList, MeterRegistry meters, Clock clock) {
        Topology topology = new Topology();
        EnrichTopology.addTo(topology, topics, enricher, dedupWindow, meters, AnonymizeTopology::processorName);
        AnonymizeTopology.addTo(topology, topics, projections, erasureList, meters, clock,
                family -> List.of(EnrichTopology.processorName(family)));
        return topology;
    }
}
