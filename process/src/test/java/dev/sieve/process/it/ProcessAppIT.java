package dev.sieve.process.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.TestKeyRings;
import dev.sieve.process.ProcessApp;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.serde.AvroSerde;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one application on a real broker, for what it must keep of the two: anonymize's replay entry, erasure,
 * enrich's dead letters, and each stage's metrics. Each test uses a family of its own, so their outputs stay apart.
 */
class ProcessAppIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final String ERASED_SUBJECT = "user-erased";
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @TempDir
    static Path dir;

    private static Policy policy;
    private static Topics topics;
    private static StreamsApp process;

    @BeforeAll
    static void start() throws Exception {
        Metrics.addRegistry(METERS);
        policy = PolicyLoader.loadDefault();
        topics = new Topics(policy);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicApplier.apply(admin, topics.all(), 1, (short) 1);
        }
        // Before the start: global stores are read to the end before any event is processed.
        TopicSpec<String, ErasedIdentifier> erasure = topics.erasure();
        Chain.sendBytes(KAFKA, erasure.name(), utf8(TestKeyRings.erasureList().subject(ERASED_SUBJECT)),
                AvroSerde.of(ErasedIdentifier.class).serializer().serialize(erasure.name(),
                        ErasedIdentifier.newBuilder().setRequestId("req-1").setErasedAt(Instant.now()).build()));
        Map<String, String> env = Chain.keys(policy);
        process = Chain.started(ProcessApp.create(ProcessApp.Settings.read(
                new ConfigReader("test", Chain.settings(KAFKA, dir.resolve("process")), env)), env));
    }

    @AfterAll
    static void stop() {
        if (process != null) {
            process.close();
        }
        Metrics.removeRegistry(METERS);
    }

    @Test
    void anEnrichedEventReplayedOntoItsTopicFeedsEveryPurpose() throws Exception {
        // As `sieve dlq replay --stage anonymize` writes it back: an enriched event, on sieve.enriched.<family>.
        DeviceEvent replayed = SampleEvents.device();
        replayed.getEnvelope().setEventId("evt-replayed");
        Chain.send(KAFKA, topics.enriched(EventFamily.DEVICE), "dev-5c1f", replayed);

        List<String> purposes = Chain.purposeTopics(policy, topics, EventFamily.DEVICE);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> read = Chain.readAll(KAFKA, purposes, 1);
        assertThat(purposes).isNotEmpty();
        read.forEach((topic, records) -> assertThat(records).as(topic).hasSize(1));
        assertThat(METERS.counter("sieve.anonymize.records", "family", "device", "purpose",
                freePurpose(EventFamily.DEVICE), "outcome", "emitted").count()).isEqualTo(1.0);
    }

    @Test
    void anErasedSubjectsEventFeedsNothing() throws Exception {
        IpEvent erased = SampleEvents.ip();
        erased.getEnvelope().setEventId("evt-erased");
        erased.getEnvelope().setSubjectId(ERASED_SUBJECT);
        IpEvent kept = SampleEvents.ip();
        kept.getEnvelope().setEventId("evt-kept");
        kept.getEnvelope().setSubjectId("user-kept");
        TopicSpec<String, SpecificRecord> raw = topics.raw(EventFamily.IP);
        Chain.send(KAFKA, raw, "dev-5c1f", erased);
        Chain.send(KAFKA, raw, "dev-5c1f", kept);

        // One partition, read in order: once the kept event's records are there, the erased one's would be too.
        List<String> purposes = Chain.purposeTopics(policy, topics, EventFamily.IP);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> read = Chain.readAll(KAFKA, purposes, 1);
        read.forEach((topic, records) -> assertThat(records).as(topic + ": the kept event's record only")
                .hasSize(1));
        assertThat(METERS.counter("sieve.enrich.records", "family", "ip", "outcome", "enriched").count())
                .as("enrich passed both on").isEqualTo(2.0);
        assertThat(METERS.counter("sieve.anonymize.records", "family", "ip", "purpose",
                freePurpose(EventFamily.IP), "outcome", "suppressed_erased").count())
                .isEqualTo(1.0);
    }

    @Test
    void aRawRecordThatIsNoEventGoesToEnrichsDeadLetters() throws Exception {
        String raw = topics.raw(EventFamily.SOFTWARE).name();
        byte[] garbage = {1, 2, 3};
        Chain.sendBytes(KAFKA, raw, utf8("dev-5c1f"), garbage);

        String dlq = topics.deadLetter(Stage.ENRICH).name();
        List<ConsumerRecord<byte[], byte[]>> letters = Chain.readAll(KAFKA, List.of(dlq), 1).get(dlq);
        assertThat(letters).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, Topics.HEADER_DLQ_REASON)).isEqualTo("undecodable");
        assertThat(header(letter, Topics.HEADER_SOURCE_TOPIC)).isEqualTo(raw);
        assertThat(METERS.counter("sieve.enrich.records", "family", "software", "outcome", "dead_lettered", "reason",
                "undecodable").count()).isEqualTo(1.0);
        assertThat(Chain.readAll(KAFKA, Chain.purposeTopics(policy, topics, EventFamily.SOFTWARE), 0).values())
                .allMatch(List::isEmpty);
    }

    /** A purpose of {@code family} that needs no consent. */
    private static String freePurpose(EventFamily family) {
        return policy.purposesFor(family).stream().filter(p -> !p.consentRequired()).findFirst().orElseThrow().id();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
