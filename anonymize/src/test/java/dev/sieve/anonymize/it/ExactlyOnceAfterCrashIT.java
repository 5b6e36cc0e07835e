package dev.sieve.anonymize.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.EmbeddedKafka;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both stages with exactly-once on a real broker; the anonymize stage runs in its own JVM and is killed
 * (SIGKILL, no shutdown of any kind) mid-stream, then restarted. Every input event must then appear exactly
 * once in every purpose topic that its family feeds, as a read_committed consumer sees it.
 */
class ExactlyOnceAfterCrashIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final int EVENTS_PER_BATCH = 600;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void everyInputAppearsExactlyOnceInEveryPurposeAfterAKill() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Topics topics = new Topics(policy);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicApplier.apply(admin, topics.all(), 2, (short) 1);
        }
        try (StreamsApp enrich = startEnrich()) {
            produce(topics, 0, EVENTS_PER_BATCH);
            Process anonymize = startAnonymize(policy, "first");
            String analyticsDevice = topics.purpose(policy.purpose("analytics").orElseThrow(), EventFamily.DEVICE).name();
            waitFor(() -> countCommitted(analyticsDevice) >= EVENTS_PER_BATCH / 10, "first outputs");
            anonymize.destroyForcibly().waitFor();

            produce(topics, EVENTS_PER_BATCH, EVENTS_PER_BATCH);
            Process restarted = startAnonymize(policy, "second");
            try {
                Map<String, Integer> expected = expectedPerTopic(policy, topics, 2 * EVENTS_PER_BATCH);
                waitFor(() -> expected.entrySet().stream().allMatch(e -> countCommitted(e.getKey()) >= e.getValue()),
                        "all outputs");
                for (Map.Entry<String, Integer> e : expected.entrySet()) {
                    Map<String, Integer> seen = eventIdCounts(e.getKey());
                    assertThat(seen).as(e.getKey()).hasSize(e.getValue());
                    assertThat(seen.values()).as("duplicates in " + e.getKey()).allMatch(n -> n == 1);
                }
            } finally {
                restarted.destroy();
                restarted.waitFor();
            }
        }
    }

    private StreamsApp startEnrich() throws Exception {
        Map<String, String> settings = Map.of("kafka.bootstrap.servers", KAFKA.bootstrapServers(), "state.dir",
                dir.resolve("enrich-state").toString(), "streams.commit.interval.ms", "100");
        StreamsApp app = EnrichApp.create(EnrichApp.Settings.read(new ConfigReader("test", settings, Map.of()))).start();
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
        return app;
    }

    /** The anonymize stage as its own process, with the test's class path and keys. */
    private Process startAnonymize(Policy policy, String name) throws Exception {
        Path config = dir.resolve("anonymize.properties");
        Files.writeString(config, "kafka.bootstrap.servers=" + KAFKA.bootstrapServers() + "\nstate.dir="
                + dir.resolve("anonymize-state") + "\nstreams.commit.interval.ms=100\nmetrics.port=0\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.sieve.anonymize.AnonymizeApp", config.toString());
        pb.environment().putAll(TestKeyRings.asEnvironment(policy));
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("anonymize-" + name + ".log").toFile());
        return pb.start();
    }

    private static void produce(Topics topics, int from, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = from; i < from + count; i++) {
                String id = "evt-" + i;
                String device = "dev-" + (i % 37);
                DeviceEvent d = SampleEvents.device();
                d.getEnvelope().setEventId(id);
                d.getEnvelope().setDeviceId(device);
                IpEvent ip = SampleEvents.ip();
                ip.getEnvelope().setEventId(id);
                ip.getEnvelope().setDeviceId(device);
                ServiceLogEvent log = SampleEvents.serviceLog();
                log.getEnvelope().setEventId(id);
                log.getEnvelope().setDeviceId(device);
                send(producer, topics.raw(EventFamily.DEVICE), device, d);
                send(producer, topics.raw(EventFamily.IP), device, ip);
                send(producer, topics.raw(EventFamily.SERVICE_LOG), device, log);
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, TopicSpec<String, SpecificRecord> topic,
            String key, SpecificRecord event) {
        producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), event)));
    }

    /** Purpose topics of the three families sent, with how many records each must hold. */
    private static Map<String, Integer> expectedPerTopic(Policy policy, Topics topics, int events) {
        Map<String, Integer> expected = new HashMap<>();
        for (EventFamily f : List.of(EventFamily.DEVICE, EventFamily.IP, EventFamily.SERVICE_LOG)) {
            for (Purpose p : policy.purposesFor(f)) {
                expected.put(topics.purpose(p, f).name(), p.consentRequired() ? 0 : events);
            }
        }
        return expected;
    }

    private static int countCommitted(String topic) {
        return eventIdCounts(topic).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How often each event id occurs in the topic, read to its end with read_committed. */
    private static Map<String, Integer> eventIdCounts(String topic) {
        Map<String, Integer> counts = new HashMap<>();
        Policy policy;
        try {
            policy = PolicyLoader.loadDefault();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String[] parts = topic.split("\\.");
        TopicSpec<String, GenericRecord> spec = new Topics(policy).purpose(policy.purpose(parts[2]).orElseThrow(),
                EventFamily.fromId(parts[3]).orElseThrow());
        Map<String, Object> props = KAFKA.consumerProperties("count-" + System.nanoTime());
        try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                spec.valueSerde().deserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, GenericRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    counts.merge(r.value().get("event_id").toString(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private void waitFor(Supplier<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                List<String> logs = new ArrayList<>();
                for (File f : dir.toFile().listFiles((d, n) -> n.endsWith(".log"))) {
                    logs.add(f.getName() + ":\n" + Files.readString(f.toPath()));
                }
                throw new AssertionError("timed out waiting for " + what + "\n" + String.join("\n", logs));
            }
            Thread.sleep(500);
        }
    }
}
