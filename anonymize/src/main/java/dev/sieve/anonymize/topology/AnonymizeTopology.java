package dev.sieve.anonymize.topology;

import dev.sieve.anonymize.projection.PurposeProjection;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.serde.AvroSerde;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.ControlStoreUpdater;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The anonymize stage: {@code sieve.enriched.<family>} → {@code sieve.purpose.<purpose>.<family>} for every
 * purpose the policy feeds the family, with consent and erasure applied first. The erasure topic is a global
 * store every processor reads; so is the salt topic, whose salts rotating pseudonyms use. Building it has no side effects.
 * {@link #addTo} adds the same stage to a larger topology in which an earlier stage hands it events in the same
 * process, besides those it reads from the enriched topics (dead letters replayed there, for one).
 */
public final class AnonymizeTopology {

    /**
     * Global store of {@code sieve.control.erasure}: keyed hash of a subject or device key → its list entry. On disk
     * (RocksDB under {@code state.dir}), not in memory: the list is kept forever and grows with every erasure, so a
     * heap copy would grow without bound (a million entries took 715 MB of heap, see BENCHMARKS.md), and a restart
     * reads only what was added since its checkpoint. The entries are keyed hashes, no identifier reaches the disk.
     */
    public static final String ERASURE_STORE = "sieve-erasure";
    /**
     * Global store of {@code sieve.control.salts}: {@code <purpose>/<period>} → the period's salt. In memory
     * only, so a destroyed salt leaves no copy on the instance's disk.
     */
    public static final String SALT_STORE = "sieve-salts";
    /**
     * One family's dead-letter sink, named for the stage so that another stage's can sit in the same topology. One
     * per family, not one for all: a node shared by the families would join them into one sub-topology, so one task
     * per partition, which a single stream thread runs; apart, each family is a task of its own that any of the
     * application's threads can take.
     */
    static String deadLetterSink(EventFamily family) {
        return "dlq-anonymize-" + family.id();
    }

    private AnonymizeTopology() {}

    /** @param erasureList the key that turns an event's ids into erasure-list entries */
    public static Topology build(Topics topics, Projections projections, ErasureListKey erasureList,
            MeterRegistry meters, Clock clock) {
        Topology topology = new Topology();
        addTo(topology, topics, projections, erasureList, meters, clock, family -> List.of());
        return topology;
    }

    /**
     * Adds the stage to {@code topology}: the erasure and salt stores, a source per enriched topic, the processors
     * with their purpose sinks, and the dead-letter sink. Each family's processor ({@link #processorName}) takes the
     * enriched topic's records and, besides, whatever the nodes named {@code upstream.apply(family)} forward to it;
     * those must be in {@code topology} already and forward enriched events as the enriched topic holds them.
     *
     * @param erasureList the key that turns an event's ids into erasure-list entries
     */
    public static void addTo(Topology topology, Topics topics, Projections projections, ErasureListKey erasureList,
            MeterRegistry meters, Clock clock, Function<EventFamily, List<String>> upstream) {
        AvroSerde<ErasedIdentifier> erasureSerde = AvroSerde.of(ErasedIdentifier.class);
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ERASURE_STORE), Serdes.String(),
                        erasureSerde)
                        .withLoggingDisabled(),
                "erasure-source", Serdes.String().deserializer(), erasureSerde.deserializer(), topics.erasure().name(),
                "erasure-update", () -> new ControlStoreUpdater<>(ERASURE_STORE));
        AvroSerde<PeriodSalt> saltSerde = AvroSerde.of(PeriodSalt.class);
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SALT_STORE), Serdes.String(), saltSerde)
                        .withLoggingDisabled(),
                "salt-source", Serdes.String().deserializer(), saltSerde.deserializer(), topics.salts().name(),
                "salt-update", () -> new ControlStoreUpdater<>(SALT_STORE, projections.salts()::forget));
        String deadLetters = topics.deadLetter(Stage.ANONYMIZE).name();
        for (EventFamily family : EventFamily.values()) {
            String source = "enriched-" + family.id();
            String processor = processorName(family);
            String enrichedTopic = topics.enriched(family).name();
            topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), enrichedTopic);
            List<String> parents = new ArrayList<>(upstream.apply(family));
            parents.add(source);
            topology.addProcessor(processor,
                    () -> new AnonymizeProcessor(family, enrichedTopic, projections, topics, erasureList, meters,
                            clock), parents.toArray(String[]::new));
            for (PurposeProjection p : projections.of(family)) {
                topology.addSink(AnonymizeProcessor.sinkName(p.purpose(), family),
                        topics.purpose(p.purpose(), family).name(), new ByteArraySerializer(),
                        new ByteArraySerializer(), processor);
            }
            topology.addSink(deadLetterSink(family), deadLetters, new ByteArraySerializer(), new ByteArraySerializer(),
                    processor);
        }
    }

    /** The node that fans one family's enriched events out to its purposes. */
    public static String processorName(EventFamily family) {
        return "anonymize-" + family.id();
    }
}
