package dev.sieve.benchmarks;

import dev.sieve.anonymize.topology.AnonymizeTopology;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The anonymize topology on a real (in-process) broker with exactly-once, beside the baseline measured in
 * the same run: a Kafka Streams pass-through of the same enriched records with the same settings. Both read
 * the same input topics from the start; the figure is input events per second between the first and the
 * last output.
 *
 * <p>Run: {@code java -cp "$(cat benchmarks/target/runtime-classpath.txt):benchmarks/target/classes"
 * dev.sieve.benchmarks.AnonymizeThroughputBenchmark [events]}
 */
public final class AnonymizeThroughputBenchmark {

    private static final int DEFAULT_EVENTS = 40_000;
    private static final String PASS_THROUGH_TOPIC = "bench.passthrough";

    private AnonymizeThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_EVENTS;
        Policy policy = PolicyLoader.loadDefault();
        Topics topics = new Topics(policy);
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                TopicApplier.apply(admin, topics.all(), 2, (short) 1);
            }
            // The anonymize app runs a salt keeper round before its topology starts; so does the benchmark.
            try (SaltKeeper keeper = new SaltKeeper(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                    topics.salts(), SaltKeeper.rotations(policy), Duration.ofDays(1), Clock.systemUTC())) {
                keeper.run();
            }
            kafka.createTopic(PASS_THROUGH_TOPIC, 2);
            produce(kafka, topics, events);
            System.out.printf("%d enriched events (half device, half service_log) on sieve.enriched.*%n", events);

            Topology passThrough = new Topology();
            passThrough.addSource("in", topics.enriched(EventFamily.DEVICE).name(),
                    topics.enriched(EventFamily.SERVICE_LOG).name());
            passThrough.addSink("out", PASS_THROUGH_TOPIC, "in");
            double baseline = run(kafka, "bench-passthrough", passThrough, List.of(PASS_THROUGH_TOPIC), events);

            Projections projections = new Projections(policy, BenchmarkKeys.random(policy), Duration.ofDays(1));
            Topology anonymize = AnonymizeTopology.build(topics, projections, BenchmarkKeys.erasureList(),
                    new SimpleMeterRegistry(), Clock.systemUTC());
            // Every input event yields exactly one analytics record, whatever its family.
            List<String> analytics = List.of(
                    topics.purpose(policy.purpose("analytics").orElseThrow(), EventFamily.DEVICE).name(),
                    topics.purpose(policy.purpose("analytics").orElseThrow(), EventFamily.SERVICE_LOG).name());
            double measured = run(kafka, "bench-anonymize", anonymize, analytics, events);

            int purposeRecords = 0;
            for (EventFamily f : List.of(EventFamily.DEVICE, EventFamily.SERVICE_LOG)) {
                purposeRecords += policy.purposesFor(f).size();
            }
            System.out.printf("%nkafka streams pass-through : %,10.0f events/s%n", baseline);
            System.out.printf("anonymize (all purposes)   : %,10.0f events/s  (%.0f%% of pass-through; ~%d purpose"
                    + " records per 2 events)%n", measured, 100 * measured / baseline, purposeRecords);
        }
    }

    private static void produce(EmbeddedKafka kafka, Topics topics, int events) throws Exception {
        TopicSpec<String, SpecificRecord> device = topics.enriched(EventFamily.DEVICE);
        TopicSpec<String, SpecificRecord> log = topics.enriched(EventFamily.SERVICE_LOG);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                String key = "dev-" + (i % 997);
                boolean isDevice = i % 2 == 0;
                SpecificRecord event = isDevice ? SampleEvents.device() : SampleEvents.serviceLog();
                if (event instanceof DeviceEvent d) {
                    d.getEnvelope().setDeviceId(key);
                    d.getEnvelope().setEventId("evt-" + i);
                } else if (event instanceof ServiceLogEvent s) {
                    s.getEnvelope().setDeviceId(key);
                    s.getEnvelope().setEventId("evt-" + i);
                }
                TopicSpec<String, SpecificRecord> topic = isDevice ? device : log;
                producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8),
                        topic.valueSerde().serializer().serialize(topic.name(), event)));
            }
            producer.flush();
        }
    }

    /** Runs the topology until {@code expected} records are readable in {@code outputs}; input events per second. */
    private static double run(EmbeddedKafka kafka, String appId, Topology topology, List<String> outputs,
            int expected) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(appId).toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put("consumer.auto.offset.reset", "earliest");
        try (StreamsApp app = new StreamsApp(appId, topology, props).start();
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties(appId + "-probe"))) {
            List<TopicPartition> partitions = outputs.stream()
                    .flatMap(t -> List.of(new TopicPartition(t, 0), new TopicPartition(t, 1)).stream()).toList();
            consumer.assign(partitions);
            long first = 0;
            long seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                int n = consumer.poll(Duration.ofMillis(100)).count();
                if (n > 0 && first == 0) {
                    first = System.nanoTime();
                }
                seen += n;
            }
            long elapsed = System.nanoTime() - first;
            System.out.printf("%s: %d outputs read in %.2f s after the first%n", appId, seen, elapsed / 1e9);
            if (seen < expected) {
                throw new IllegalStateException(appId + " produced " + seen + " of " + expected + " records in time");
            }
            return expected / (elapsed / 1e9);
        }
    }
}
