package dev.sieve.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.enrich.geo.GeoLookup;
import dev.sieve.enrich.normalize.Normalizer;
import dev.sieve.enrich.topology.EventEnricher;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class ProcessTopologyTest {

    private final Policy policy;
    private final Topics topics;
    private final TopologyDescription description;

    ProcessTopologyTest() throws Exception {
        policy = PolicyLoader.loadDefault();
        topics = new Topics(policy);
        description = ProcessTopology.build(topics,
                new EventEnricher(policy, new Normalizer(Duration.ofMinutes(5)), GeoLookup.none()),
                SeenEvents.DEFAULT_WINDOW, new Projections(policy, TestKeyRings.forPolicy(policy), Duration.ofDays(1)),
                TestKeyRings.erasureList(), new SimpleMeterRegistry(), Clock.systemUTC()).describe();
    }

    @Test
    void eachFamilyIsATaskOfItsOwnReadingItsRawAndItsEnrichedTopic() {
        List<Set<String>> sources = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            Set<String> topicsRead = new TreeSet<>();
            sub.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                    .forEach(n -> topicsRead.addAll(((TopologyDescription.Source) n).topicSet()));
            sources.add(topicsRead);
        }
        List<Set<String>> expected = new ArrayList<>();
        for (EventFamily family : EventFamily.values()) {
            expected.add(new TreeSet<>(Set.of(topics.raw(family).name(), topics.enriched(family).name())));
        }
        assertThat(sources).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anonymizeTakesEnrichsEventsInProcessAndNothingIsWrittenToTheEnrichedTopics() {
        Set<String> written = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Sink sink) {
                    written.add(sink.topic());
                }
                if (node.name().equals("anonymize-device")) {
                    assertThat(node.predecessors()).extracting(TopologyDescription.Node::name)
                            .containsExactlyInAnyOrder("enrich-device", "enriched-device");
                }
            }
        }
        assertThat(written).noneMatch(t -> t.startsWith("sieve.enriched."))
                .contains("sieve.dlq.enrich", "sieve.dlq.anonymize")
                .contains(topics.purpose(policy.purposesFor(EventFamily.DEVICE).get(0), EventFamily.DEVICE).name());
    }
}
