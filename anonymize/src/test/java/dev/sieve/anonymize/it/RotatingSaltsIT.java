package dev.sieve.anonymize.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.anonymize.topology.AnonymizeTopology;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import dev.sieve.testsupport.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;

import java.time.Duration;
import java.time.Instant;


import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The salt keeper and the anonymize topology on a real broker, with one clock the test moves: analytics gives a
 * device one pseudonym within a month and an unrelated one in the next; once the keeper destroys a month's
 * salt it leaves the topology's store and no later event uses it.
 */
class RotatingSaltsIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Duration OVERLAP = Duration.ofDays(1);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void monthlyPseudonymsAndADestroyedMonthLeavesTheStore() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Topics topics = new Topics(policy);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicApplier.apply(admin, topics.all(), 1, (short) 1);
        }
        MovableClock clock = new MovableClock(Instant.parse("2026-12-15T12:00:00Z"));
        TopicSpec<String, GenericRecord> analyticsIp = topics.purpose(policy.purpose("analytics").orElseThrow(),
                EventFamily.IP);
        try (SaltKeeper keeper = new SaltKeeper(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                topics.salts(), SaltKeeper.rotations(policy), OVERLAP, clock);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties());
                KafkaConsumer<byte[], byte[]> output = new KafkaConsumer<>(KAFKA.consumerProperties("rotating-it"),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            assertThat(keeper.run().create()).extracting(SaltKeeper.Wanted::key)
                    .containsExactly("analytics/m2026-12", "analytics/m2027-01");
            output.assign(List.of(new TopicPartition(analyticsIp.name(), 0)));
            output.seekToBeginning(output.assignment());
            KafkaStreams streams = new KafkaStreams(AnonymizeTopology.build(topics,
                    new Projections(policy, TestKeyRings.forPolicy(policy), OVERLAP), TestKeyRings.erasureList(),
                    new SimpleMeterRegistry(),
                    clock), props());
            try {
                streams.start();
                Probe probe = new Probe(topics, analyticsIp, producer, output);

                String dec3 = probe.analyticsDevice("dev-5c1f", "2026-12-03T10:00:00Z");
                String dec14 = probe.analyticsDevice("dev-5c1f", "2026-12-14T10:00:00Z");
                String jan2 = probe.analyticsDevice("dev-5c1f", "2027-01-02T10:00:00Z");
                String other = probe.analyticsDevice("dev-0000", "2026-12-03T10:00:00Z");
                assertThat(dec3).startsWith("m2026-12:").isEqualTo(dec14).isNotEqualTo(other);
                assertThat(jan2).startsWith("m2027-01:");
                assertThat(jan2.substring(9)).isNotEqualTo(dec3.substring(9));

                clock.set(Instant.parse("2027-01-02T00:00:00Z"));
                SaltKeeper.Changes changes = keeper.run();
                assertThat(changes.destroy()).containsExactly("analytics/m2026-12");
                assertThat(changes.create()).extracting(SaltKeeper.Wanted::key).containsExactly("analytics/m2027-02");
                ReadOnlyKeyValueStore<String, PeriodSalt> store = streams.store(StoreQueryParameters.fromNameAndType(
                        AnonymizeTopology.SALT_STORE, QueryableStoreTypes.keyValueStore()));
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (store.get("analytics/m2026-12") != null && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(store.get("analytics/m2026-12")).as("December's salt in the topology's store").isNull();
                assertThat(store.get("analytics/m2027-02")).isNotNull();

                String lateDecember = probe.analyticsDevice("dev-5c1f", "2026-12-20T10:00:00Z");
                assertThat(lateDecember).as("a December event after December's salt was destroyed")
                        .isEqualTo(jan2).isNotEqualTo(dec3);
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    /** Sends one enriched IP event at a time and reads the one analytics record it produces. */
    private record Probe(Topics topics, TopicSpec<String, GenericRecord> analyticsIp,
            KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> output) {

        String analyticsDevice(String device, String eventTime) throws Exception {
            IpEvent event = SampleEvents.ip();
            event.getEnvelope().setDeviceId(device);
            event.getEnvelope().setEventTime(Instant.parse(eventTime));
            event.getEnvelope().setReceivedTime(Instant.parse(eventTime).plusSeconds(1));
            TopicSpec<String, SpecificRecord> enriched = topics.enriched(EventFamily.IP);
            producer.send(new ProducerRecord<>(enriched.name(), device.getBytes(),
                    enriched.valueSerde().serializer().serialize(enriched.name(), event))).get();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : output.poll(Duration.ofMillis(200))) {
                    return analyticsIp.valueSerde().deserializer().deserialize(analyticsIp.name(), r.value())
                            .get("device_id").toString();
                }
            }
            throw new AssertionError("no analytics record within " + DEADLINE);
        }
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "rotating-salts-it");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }
}
