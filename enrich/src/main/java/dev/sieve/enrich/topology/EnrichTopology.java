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
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich stage: {@code sieve.raw.<family>} → {@code sieve.enriched.<family>}, one processor per family,
 * with the consent topic as a global store every processor reads. Undecodable or invalid records go to
 * {@code sieve.dlq.enrich} with their original bytes. Building it has no side effects, so tests drive it with
 * {@code TopologyTestDriver}. {@link #addTo} adds the same stage to a larger topology whose next step takes the
 * enriched events in the same process (enrich and anonymize in one application), without the enriched topics.
 */
public final class EnrichTopology {

    /** Global store of {@code sieve.control.consent}: subject or device key → latest consent. */
    public static final String CONSENT_STORE = "sieve-consent";
    /**
     * One family's dead-letter sink, named for the stage so that another stage's can sit in the same topology. One
     * per family, not one for all: a node shared by the families would join them into one sub-topology, so one task
     * per partition, which a single stream thread runs; apart, each family is a task of its own that any of the
     * application's threads can take.
     */
    static String deadLetterSink(EventFamily family) {
        return "dlq-enrich-" + family.id();
    }

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
        addTo(topology, topics, enricher, dedupWindow, meters, EnrichTopology::enrichedSink);
        for (EventFamily family : EventFamily.values()) {
            topology.addSink(enrichedSink(family), topics.enriched(family).name(), new ByteArraySerializer(),
                    new ByteArraySerializer(), processorName(family));
        }
        return topology;
    }

    /**
     * Adds the stage to {@code topology}: the consent store, a source per raw topic, the processors with their
     * de-duplication stores, and the dead-letter sink. Each family's enriched events (value bytes, the raw record's
     * key and timestamp, no headers) are forwarded to the node named {@code next.apply(family)}, which the caller adds
     * with {@link #processorName} as its parent.
     *
     * @param dedupWindow how long an event id is remembered: a repeat of an event forwarded within it is dropped
     */
    public static void addTo(Topology topology, Topics topics, EventEnricher enricher, Duration dedupWindow,
            MeterRegistry meters, Function<EventFamily, String> next) {
        TopicSpec<String, ConsentState> consent = topics.consent();
        AvroSerde<ConsentState> consentSerde = AvroSerde.of(ConsentState.class);
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CONSENT_STORE), Serdes.String(), consentSerde)
                        .withLoggingDisabled(),
                "consent-source", Serdes.String().deserializer(), consentSerde.deserializer(), consent.name(),
                "consent-update", () -> new ControlStoreUpdater<>(CONSENT_STORE));
        String deadLetters = topics.deadLetter(Stage.ENRICH).name();
        for (EventFamily family : EventFamily.values()) {
            String source = "raw-" + family.id();
            String processor = processorName(family);
            String output = next.apply(family);
            String rawTopic = topics.raw(family).name();
            topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), rawTopic);
            String seen = seenStore(family);
            topology.addProcessor(processor,
                    () -> new EnrichProcessor(family, rawTopic, enricher, dedupWindow, meters, output), source);
            topology.addStateStore(SeenEvents.store(seen, dedupWindow), processor);
            topology.addSink(deadLetterSink(family), deadLetters, new ByteArraySerializer(), new ByteArraySerializer(),
                    processor);
        }
    }

    /** The node that enriches one family's events, parent of whatever takes them next. */
    public static String processorName(EventFamily family) {
        return "enrich-" + family.id();
    }

    private static String enrichedSink(EventFamily family) {
        return "enriched-" + family.id();
    }
}
