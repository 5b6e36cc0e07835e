package dev.sieve.benchmarks.e2e.floor;

import dev.sieve.anonymize.projection.EventView;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.purpose.PurposeSerde;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.FamilyDecoder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The floor's topologies: Sieve's topics and hops with identity processing. Each stage decodes what it reads, as any
 * stage must to know it holds an event, and does nothing else: no validation, normalization, geography or
 * de-duplication in enrich; no erasure list, consent, pseudonyms, scrubbing, truncation or generalization in
 * anonymize, whose records are {@link KeptProjection}s. Records that do not decode are counted as dead letters (the
 * benchmark fails on any) and dropped. The stages count into Sieve's own meters ({@code sieve.enrich.records},
 * {@code sieve.anonymize.records}), so the benchmark follows the floor exactly as it follows Sieve.
 */
public final class FloorTopology {

    private static final String ENRICH_METRIC = "sieve.enrich.records";
    private static final String ANONYMIZE_METRIC = "sieve.anonymize.records";
    /** Fields whose value becomes a purpose record's key, in order of preference, as anonymize keys them. */
    private static final List<String> KEY_FIELDS = List.of("device_id", "subject_id");

    private FloorTopology() {}

    /** Raw → enriched, per family: the same bytes, decoded once; the collector's headers dropped, as enrich does. */
    public static Topology enrich(Topics topics, MeterRegistry meters) {
        Topology topology = new Topology();
        for (EventFamily family : EventFamily.values()) {
            String raw = topics.raw(family).name();
            topology.addSource("raw-" + family.id(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), raw);
            topology.addProcessor("enrich-" + family.id(), () -> new Enrich(family, raw, meters), "raw-" + family.id());
            topology.addSink("enriched-" + family.id(), topics.enriched(family).name(), new ByteArraySerializer(),
                    new ByteArraySerializer(), "enrich-" + family.id());
        }
        return topology;
    }

    /** Enriched → every purpose of {@code projections}, per family. */
    public static Topology anonymize(Topics topics, Map<EventFamily, List<KeptProjection>> projections,
            MeterRegistry meters) {
        return fanOut(topics, projections, meters, false);
    }

    /** Raw → every purpose of {@code projections} in one step: enrich and anonymize in one application. */
    public static Topology composed(Topics topics, Map<EventFamily, List<KeptProjection>> projections,
            MeterRegistry meters) {
        return fanOut(topics, projections, meters, true);
    }

    private static Topology fanOut(Topics topics, Map<EventFamily, List<KeptProjection>> projections,
            MeterRegistry meters, boolean fromRaw) {
        Topology topology = new Topology();
        for (EventFamily family : EventFamily.values()) {
            String input = (fromRaw ? topics.raw(family) : topics.enriched(family)).name();
            String source = "in-" + family.id();
            String processor = "anonymize-" + family.id();
            List<Target> targets = new ArrayList<>();
            for (KeptProjection p : projections.get(family)) {
                targets.add(new Target(p, topics.purpose(p.purpose(), family).name(),
                        "purpose-" + p.purpose().id() + "-" + family.id()));
            }
            topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), input);
            topology.addProcessor(processor, () -> new Anonymize(family, input, targets, meters, fromRaw), source);
            for (Target t : targets) {
                topology.addSink(t.sink(), t.topic(), new ByteArraySerializer(), new ByteArraySerializer(), processor);
            }
        }
        return topology;
    }

    private record Target(KeptProjection projection, String topic, String sink) {}

    private static final class Enrich implements Processor<byte[], byte[], byte[], byte[]> {
        private final FamilyDecoder decoder;
        private final Counter enriched;
        private final Counter deadLettered;
        private ProcessorContext<byte[], byte[]> context;

        Enrich(EventFamily family, String topic, MeterRegistry meters) {
            this.decoder = new FamilyDecoder(family, topic);
            this.enriched = meters.counter(ENRICH_METRIC, "family", family.id(), "outcome", "enriched");
            this.deadLettered = meters.counter(ENRICH_METRIC, "family", family.id(), "outcome", "dead_lettered");
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (decoder.decode(record.value()).event() == null) {
                deadLettered.increment();
                return;
            }
            enriched.increment();
            context.forward(record.withHeaders(new RecordHeaders()));
        }
    }

    private static final class Anonymize implements Processor<byte[], byte[], byte[], byte[]> {
        private final EventFamily family;
        private final FamilyDecoder decoder;
        private final List<Target> targets;
        private final List<PurposeSerde> serdes = new ArrayList<>();
        private final List<Counter> emitted = new ArrayList<>();
        private final Counter deadLettered;
        /** Counted as enrich's too when this step reads the raw topics: the composed application does both. */
        private final Counter enriched;
        private ProcessorContext<byte[], byte[]> context;

        Anonymize(EventFamily family, String topic, List<Target> targets, MeterRegistry meters, boolean fromRaw) {
            this.family = family;
            this.decoder = new FamilyDecoder(family, topic);
            this.targets = targets;
            for (Target t : targets) {
                serdes.add(new PurposeSerde(t.projection().schema()));
                emitted.add(meters.counter(ANONYMIZE_METRIC, "family", family.id(), "purpose",
                        t.projection().purpose().id(), "outcome", "emitted"));
            }
            this.deadLettered = meters.counter(ANONYMIZE_METRIC, "family", family.id(), "purpose", "none", "outcome",
                    "dead_lettered");
            this.enriched = fromRaw ? meters.counter(ENRICH_METRIC, "family", family.id(), "outcome", "enriched")
                    : null;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            FamilyDecoder.Decoded decoded = decoder.decode(record.value());
            if (decoded.event() == null) {
                deadLettered.increment();
                return;
            }
            if (enriched != null) {
                enriched.increment();
            }
            EventView view = new EventView(family, decoded.event());
            byte[] region = view.envelope().getRegion().getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                GenericRecord projected = t.projection().project(view);
                RecordHeaders headers = new RecordHeaders();
                headers.add(Topics.HEADER_REGION, region);
                // Keyed by device as anonymize keys its records (here the stand-in), so one device stays in order.
                context.forward(new Record<>(key(projected), serdes.get(i).serializer().serialize(t.topic(),
                        projected), record.timestamp(), headers), t.sink());
                emitted.get(i).increment();
            }
        }

        private static byte[] key(GenericRecord projected) {
            for (String field : KEY_FIELDS) {
                if (projected.getSchema().getField(field) != null && projected.get(field) instanceof CharSequence v) {
                    return v.toString().getBytes(StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }
}
