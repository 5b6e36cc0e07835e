package dev.sieve.enrich.topology;

import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.serde.AvroSerde;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.ControlStoreUpdater;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich stage: {@code sieve.raw.<family>} → {@code sieve.enriched.<family>}, one processor per family,
 * with the consent topic as a global store every processor reads. Undecodable or invalid records go to
 * {@code sieve.dlq.enrich} with their original bytes. Building it has no side effects, so tests drive it with
 * {@code TopologyTestDriver}.
 */
public final class EnrichTopology {

    /** Global store of {@code sieve.control.consent}: subject or device key → latest consent. */
    public static final String CONSENT_STORE = "sieve-consent";
    static final String DLQ_SINK = "dlq";

    /** The family's store of event ids forwarded within the de-duplication window ({@link SeenEvents}). */
    static String seenStore(EventFamily family) {
        return "sieve-seen-" + family.id();
    }

    private EnrichTopology() {}

    /**
     * @param dedupWindow how long an event id is remembered: a repeat of an event forwarded within it is dropped
     */
    public static Topology build(Topics topics, EventEnricher enricher, Duration dedupWindow, MeterRegistry meters) {
        Topology topology = new Topology();
        TopicSpec<String, ConsentState> consent = topics.consent();
        AvroSerde<ConsentState> consentSerde = AvroSerde.of(ConsentState.class);
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CONSENT_STORE), Serdes.String(), consentSerde)
                        .withLoggingDisabled(),
                "consent-source", Serdes.String().deserializer(), consentSerde.deserializer(), consent.name(),
                "consent-update", () -> new ControlStoreUpdater<>(CONSENT_STORE));
        List<String> processors = new ArrayList<>();
        for (EventFamily family : EventFamily.values()) {
            String source = "raw-" + family.id();
            String processor = "enrich-" + family.id();
            String sink = EnrichProcessor.sinkName(family);
            String rawTopic = topics.raw(family).name();
            topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), rawTopic);
            String seen = seenStore(family);
            topology.addProcessor(processor, () -> new EnrichProcessor(family, rawTopic, enricher, dedupWindow, meters),
                    source);
            topology.addStateStore(SeenEvents.store(seen, dedupWindow), processor);
            topology.addSink(sink, topics.enriched(family).name(), new ByteArraySerializer(), new ByteArraySerializer(),
                    processor);
            processors.add(processor);
        }
        topology.addSink(DLQ_SINK, topics.deadLetter(Stage.ENRICH).name(), new ByteArraySerializer(),
                new ByteArraySerializer(), processors.toArray(String[]::new));
        return topology;
    }
}
