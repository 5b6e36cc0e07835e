package dev.sieve.process.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the process ITs share: settings for the stages on the broker, sending raw events, reading topics back. */
final class Chain {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private Chain() {}

    /** Settings every Streams stage of the test gets; {@code state} keeps one application's state apart. */
    static Map<String, String> settings(EmbeddedKafka kafka, Path state) {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(), "state.dir", state.toString(),
                "streams.commit.interval.ms", "100", "metrics.port", "-1");
    }

    /** The deterministic test keys, as the stages read them from the environment. */
    static Map<String, String> keys(Policy policy) {
        return TestKeyRings.asEnvironment(policy);
    }

    static StreamsApp started(StreamsApp app) throws InterruptedException {
        app.start();
        assertThat(app.awaitRunning(START)).as("running").isTrue();
        return app;
    }

    static void send(EmbeddedKafka kafka, TopicSpec<String, SpecificRecord> topic, String key, SpecificRecord event)
            throws Exception {
        sendBytes(kafka, topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                topic.valueSerde().serializer().serialize(topic.name(), event));
    }

    static void sendBytes(EmbeddedKafka kafka, String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Purpose topics of {@code family} that an event without consent feeds (the others need consent). */
    static List<String> purposeTopics(Policy policy, Topics topics, EventFamily family) {
        List<String> out = new ArrayList<>();
        for (Purpose p : policy.purposesFor(family)) {
            if (!p.consentRequired()) {
                out.add(topics.purpose(p, family).name());
            }
        }
        return out;
    }

    /**
     * Every committed record of each topic, read from the start until each holds at least {@code atLeast} records,
     * then for another half second, so that a record beyond those is read too.
     */
    static Map<String, List<ConsumerRecord<byte[], byte[]>>> readAll(EmbeddedKafka kafka, List<String> topics,
            int atLeast) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> read = new LinkedHashMap<>();
        topics.forEach(t -> read.put(t, new ArrayList<>()));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                kafka.consumerProperties("it-" + UUID.randomUUID()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (read.values().stream().anyMatch(l -> l.size() < atLeast) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.get(r.topic()).add(r));
            }
            long settle = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> read.get(r.topic()).add(r));
            }
        }
        return read;
    }
}
