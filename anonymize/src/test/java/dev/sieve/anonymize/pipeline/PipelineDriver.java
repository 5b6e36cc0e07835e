package dev.sieve.anonymize.pipeline;

import dev.sieve.anonymize.topology.AnonymizeTopology;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.enrich.geo.RangeTableGeo;
import dev.sieve.enrich.normalize.Normalizer;
import dev.sieve.enrich.topology.EnrichTopology;
import dev.sieve.enrich.topology.EventEnricher;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.RotatingPseudonyms;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.action.KeepAction;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.serde.AvroSerde;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.schemas.pseudonym.TestSalts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Both privacy topologies, enrich then anonymize, driven by {@link TopologyTestDriver}s chained by hand: what
 * enrich writes is fed to anonymize. Uses the default policy, the bundled geography table and
 * {@link TestKeyRings}.
 */
public final class PipelineDriver implements AutoCloseable {

    /** Processing time of every record: inside the second key epoch. */
    public static final Instant NOW = Instant.parse("2026-12-15T12:00:00Z");

    public final Policy policy;
    public final Topics topics;
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final ErasureListKey erasureList = TestKeyRings.erasureList();
    private final TopologyTestDriver enrich;
    private final TopologyTestDriver anonymize;

    public PipelineDriver() throws Exception {
        this(true);
    }

    /**
     * @param withSalts whether the salts of the current and next period of every rotating purpose are published
     *                  first, as the salt keeper does before anonymize starts
     */
    public PipelineDriver(boolean withSalts) throws Exception {
        policy = PolicyLoader.loadDefault();
        topics = new Topics(policy);
        EventEnricher enricher = new EventEnricher(policy, new Normalizer(Duration.ofMinutes(5)),
                RangeTableGeo.bundled());
        enrich = new TopologyTestDriver(EnrichTopology.build(topics, enricher, SeenEvents.DEFAULT_WINDOW, meters), props("enrich"), NOW);
        Projections projections = new Projections(policy, TestKeyRings.forPolicy(policy), Duration.ofDays(1));
        anonymize = new TopologyTestDriver(AnonymizeTopology.build(topics, projections, erasureList, meters,
                Clock.fixed(NOW, ZoneOffset.UTC)), props("anonymize"), NOW);
        if (withSalts) {
            SaltKeeper.rotations(policy).forEach((purpose, rotations) -> rotations.forEach(r -> {
                publishSalt(TestSalts.salt(purpose, r.periodOf(NOW)));
                publishSalt(TestSalts.salt(purpose, r.periodOf(NOW).next()));
            }));
        }
    }

    /**
     * The event id as {@code purpose} stores it, worked out from the keys, not by the code under test: as sent in a
     * purpose that keeps it, else the purpose's pseudonym of it — under the salt of the event's month, or of the
     * current month when the event's is no longer live (the driver publishes the current and the next month's).
     */
    public String storedEventId(String purpose, String eventId, Instant eventTime) {
        Purpose p = policy.purpose(purpose).orElseThrow();
        FieldRule rule = p.families().values().iterator().next().fields().get("event_id");
        if (rule.action() instanceof KeepAction) {
            return eventId;
        }
        if (rule.rotate().isPresent()) {
            Rotation rotation = rule.rotate().get();
            Rotation.Period current = rotation.periodOf(NOW);
            Rotation.Period period = rotation.periodOf(eventTime);
            boolean live = period.equals(current) || period.equals(current.next());
            return new RotatingPseudonyms(purpose, rotation).pseudonymize(eventId,
                    TestSalts.key(purpose, live ? period : current));
        }
        return TestKeyRings.forPolicy(policy).get(purpose).pseudonymize(eventId, eventTime, NOW, Duration.ofDays(1));
    }

    /** Writes a salt to the salt topic, as the salt keeper does. */
    public void publishSalt(PeriodSalt salt) {
        saltTopic().pipeInput(Topics.saltKey(salt.getPurpose(), salt.getPeriod()), salt, NOW);
    }

    /** Destroys a salt: its tombstone on the salt topic. */
    public void destroySalt(String purpose, String periodId) {
        saltTopic().pipeInput(Topics.saltKey(purpose, periodId), null, NOW);
    }

    /** The anonymize stage's salt store, as its processors read it. */
    public KeyValueStore<String, PeriodSalt> saltStore() {
        return anonymize.getKeyValueStore(AnonymizeTopology.SALT_STORE);
    }

    private TestInputTopic<String, PeriodSalt> saltTopic() {
        TopicSpec<String, PeriodSalt> salts = topics.salts();
        return anonymize.createInputTopic(salts.name(), new StringSerializer(), salts.valueSerde().serializer());
    }

    private static Properties props(String id) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + id);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return p;
    }

    /** Sends a raw event as the collector would, keyed by its routing key, and runs both stages. */
    public void send(EventFamily family, String key, SpecificRecord event) {
        TopicSpec<String, SpecificRecord> raw = topics.raw(family);
        sendRaw(family, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                raw.valueSerde().serializer().serialize(raw.name(), event));
    }

    /** Sends raw bytes to a raw topic, and runs both stages. */
    public void sendRaw(EventFamily family, byte[] key, byte[] value) {
        TestInputTopic<byte[], byte[]> in = enrich.createInputTopic(topics.raw(family).name(),
                new ByteArraySerializer(), new ByteArraySerializer());
        in.pipeInput(new TestRecord<>(key, value, null, NOW));
        forwardEnriched(family);
    }

    /** Sends bytes straight to an enriched topic (to test anonymize on its own input). */
    public void sendEnriched(EventFamily family, byte[] key, byte[] value) {
        anonymize.createInputTopic(topics.enriched(family).name(), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(key, value, null, NOW));
    }

    private void forwardEnriched(EventFamily family) {
        TestOutputTopic<byte[], byte[]> out = enrich.createOutputTopic(topics.enriched(family).name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TestInputTopic<byte[], byte[]> in = anonymize.createInputTopic(topics.enriched(family).name(),
                new ByteArraySerializer(), new ByteArraySerializer());
        for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
            in.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), r.getRecordTime()));
        }
    }

    public void consent(String key, ConsentState state) {
        enrich.createInputTopic(topics.consent().name(), new StringSerializer(),
                AvroSerde.of(ConsentState.class).serializer()).pipeInput(key, state, NOW);
    }

    /** Puts an entry on the erasure list, as {@code sieve erase} does: keyed by the entry's keyed hash. */
    public void erase(String listEntry, String requestId) {
        anonymize.createInputTopic(topics.erasure().name(), new StringSerializer(),
                AvroSerde.of(ErasedIdentifier.class).serializer()).pipeInput(listEntry, ErasedIdentifier.newBuilder()
                .setRequestId(requestId).setErasedAt(NOW).build(), NOW);
    }

    /** One record read from a purpose topic. */
    public record Output(String key, GenericRecord value, Headers headers) {}

    /** Everything written to the purpose topic since the last read. */
    public List<Output> read(String purpose, EventFamily family) {
        Purpose p = policy.purpose(purpose).orElseThrow();
        TopicSpec<String, GenericRecord> spec = topics.purpose(p, family);
        List<Output> out = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : anonymize.createOutputTopic(spec.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList()) {
            out.add(new Output(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                    spec.valueSerde().deserializer().deserialize(spec.name(), r.value()), r.headers()));
        }
        return out;
    }

    /** Everything written to every purpose topic since the last read, by topic name. */
    public Map<String, List<Output>> readAll(EventFamily family) {
        Map<String, List<Output>> all = new HashMap<>();
        for (Purpose p : policy.purposesFor(family)) {
            all.put(topics.purpose(p, family).name(), read(p.id(), family));
        }
        return all;
    }

    public List<TestRecord<byte[], byte[]>> deadLetters(Stage stage) {
        TopologyTestDriver driver = stage == Stage.ENRICH ? enrich : anonymize;
        return driver.createOutputTopic(topics.deadLetter(stage).name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
    }

    public double count(String metric, String... tags) {
        var search = meters.find(metric).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        enrich.close();
        anonymize.close();
    }
}
