package dev.sieve.enrich.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.enrich.EnrichApp;
import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * De-duplication on a real broker, three partitions per topic: events written twice to their raw topic, as the
 * collector writes a batch whose answer was lost and that the SDK sent again, are enriched once each, whichever
 * partition their device's key puts them in; after a restart with the local state gone, the stores rebuilt from
 * their changelogs still know them.
 */
class DeduplicationIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final int PARTITIONS = 3;
    private static final int DEVICES = 6;
    /** Kafka Streams names a store's changelog {@code <application.id>-<store>-changelog}. */
    private static final String CHANGELOG = EnrichApp.DEFAULT_APPLICATION_ID + "-sieve-seen-device-changelog";

    @TempDir
    Path dir;

    private final Topics topics;
    private final TopicSpec<String, SpecificRecord> raw;
    /** The stage counts in the global registry, as its metrics endpoint serves it. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    DeduplicationIT() throws Exception {
        topics = new Topics(PolicyLoader.loadDefault());
        raw = topics.raw(EventFamily.DEVICE);
    }

    @BeforeEach
    void addMeters() {
        Metrics.addRegistry(meters);
    }

    @AfterEach
    void removeMeters() {
        Metrics.removeRegistry(meters);
    }

    @Test
    void eventsWrittenTwiceAreEnrichedOnceInEveryPartitionAlsoAfterTheStoresAreRestoredFromTheirChangelogs()
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicApplier.apply(admin, topics.all(), PARTITIONS, (short) 1);
        }
        List<DeviceEvent> events = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            events.add(event("dev-" + d, "event-" + d));
        }
        Map<String, Integer> partitionOfDevice = new TreeMap<>();
        try (StreamsApp app = start("state-1")) {
            for (DeviceEvent e : events) {
                String device = e.getEnvelope().getDeviceId();
                // Keyed as the collector keys it (device id): the copies share a partition, so one task sees both.
                List<Integer> partitions = produce(e, e, event(device, "marker-1-" + device));
                assertThat(partitions).as("the copies and the marker of " + device).containsOnly(partitions.get(0));
                partitionOfDevice.put(device, partitions.get(0));
            }
            assertThat(Set.copyOf(partitionOfDevice.values())).as("the devices spread over the partitions")
                    .hasSizeGreaterThan(1);
            assertThat(readUntil(markers("marker-1-"))).containsExactlyInAnyOrderElementsOf(
                    concat(ids(events), markers("marker-1-")));
        }
        assertThat(duplicatesDropped()).isEqualTo(DEVICES);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            Config changelog = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.TOPIC, CHANGELOG)))
                    .all().get().values().iterator().next();
            assertThat(changelog.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact,delete");
            // The window, plus Kafka Streams' default margin for window store changelogs (one day).
            assertThat(Long.parseLong(changelog.get(TopicConfig.RETENTION_MS_CONFIG).value()))
                    .isEqualTo(SeenEvents.DEFAULT_WINDOW.plus(Duration.ofDays(1)).toMillis());
            assertThat(admin.describeTopics(Set.of(CHANGELOG)).allTopicNames().get().get(CHANGELOG).partitions())
                    .as("one changelog partition per task").hasSize(PARTITIONS);
        }

        // A new state directory: nothing local survives, the stores come back from the changelog topic.
        try (StreamsApp app = start("state-2")) {
            for (DeviceEvent e : events) {
                String device = e.getEnvelope().getDeviceId();
                produce(e, event(device, "marker-2-" + device));
            }
            assertThat(readUntil(markers("marker-2-"))).containsExactlyInAnyOrderElementsOf(
                    concat(ids(events), markers("marker-1-"), markers("marker-2-")));
        }
        assertThat(duplicatesDropped()).isEqualTo(2 * DEVICES);
    }

    private StreamsApp start(String stateDir) throws Exception {
        EnrichApp.Settings settings = EnrichApp.Settings.read(new ConfigReader("test", Map.of(
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(), "state.dir", dir.resolve(stateDir).toString(),
                "metrics.port", "-1", "streams.commit.interval.ms", "100",
                // The stopped instance does not leave the group; the broker's shortest session ends its membership.
                "kafka.session-timeout-ms", "6000"), Map.of()));
        StreamsApp app = EnrichApp.create(settings).start();
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
        return app;
    }

    private static DeviceEvent event(String deviceId, String eventId) {
        DeviceEvent e = SampleEvents.device();
        e.getEnvelope().setDeviceId(deviceId);
        e.getEnvelope().setEventId(eventId);
        return e;
    }

    /** One marker per device, written after that device's events: once it is out, they have been processed. */
    private static List<String> markers(String prefix) {
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            ids.add(prefix + "dev-" + d);
        }
        return ids;
    }

    private static List<String> ids(List<DeviceEvent> events) {
        return events.stream().map(e -> e.getEnvelope().getEventId()).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /** Writes each event keyed by its device id, one at a time; returns the partition each landed in. */
    private List<Integer> produce(DeviceEvent... events) throws Exception {
        List<Integer> partitions = new ArrayList<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(KAFKA.producerProperties(),
                raw.keySerde().serializer(), raw.valueSerde().serializer())) {
            for (DeviceEvent e : events) {
                partitions.add(producer.send(new ProducerRecord<>(raw.name(), e.getEnvelope().getDeviceId(), e))
                        .get().partition());
            }
        }
        return partitions;
    }

    /** Event ids on the enriched topic (committed only), read from the start until every one of {@code last} is. */
    private List<String> readUntil(List<String> last) {
        TopicSpec<String, SpecificRecord> enriched = topics.enriched(EventFamily.DEVICE);
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(
                KAFKA.consumerProperties("it-" + last.get(0)), new StringDeserializer(),
                enriched.valueSerde().deserializer())) {
            consumer.subscribe(List.of(enriched.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ids.containsAll(last) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> ids.add(((DeviceEvent) r.value()).getEnvelope().getEventId()));
            }
        }
        return ids;
    }

    private double duplicatesDropped() {
        Counter c = meters.find("sieve.duplicates.dropped").tags("family", "device").counter();
        return c == null ? 0 : c.count();
    }
}
