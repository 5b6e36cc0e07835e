package dev.sieve.cli.dlq;

import static dev.sieve.cli.dlq.KafkaTopics.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.erasure.ErasureRequests;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.adapter.KafkaDeadLetters;
import dev.sieve.sink.erasure.ErasureListEntries;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve dlq replay --stage sink} on a real broker, dead letters written by the sink's own
 * {@link KafkaDeadLetters}: purpose-topic records go back to their purpose topic, except those of a subject erased
 * since (raw and pseudonymized alike) and those that are no purpose records of the current policy.
 */
class SinkReplayIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final Instant EVENT_TIME = Instant.parse("2026-11-29T08:15:30Z");

    @Test
    void purposeRecordsGoBackToTheirTopicExceptErasedSubjectsAndControlRequests(@TempDir Path dir) throws Exception {
        KafkaTopics.apply(KAFKA.bootstrapServers());
        Policy policy = PolicyLoader.loadDefault();
        Path keys = keys(dir.resolve("keys"), policy);
        Path config = KafkaTopics.sinkConfig(dir, KAFKA.bootstrapServers(), "keys.dir=" + keys);
        TableCatalog catalog = new TableCatalog(policy);
        PurposeRows rows = new PurposeRows(KeyRingLoader.load(policy, keys, Map.of()));
        TableLayout service = catalog.table("service_device").orElseThrow();
        TableLayout personalization = catalog.table("personalization_device").orElseThrow();
        byte[] bobService = value(catalog, service, rows.row(service, 1, EVENT_TIME, "bob-subject", "bob-device",
                "cn-north"));
        byte[] bobPersonalization = value(catalog, personalization, rows.row(personalization, 2, EVENT_TIME,
                "bob-subject", "bob-device", "cn-north"));
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties());
                KafkaDeadLetters deadLetters = new KafkaDeadLetters(new KafkaProducer<>(KAFKA.producerProperties()),
                        catalog.topics().deadLetter(Stage.SINK).name())) {
            // the erasure list entry as sieve erase publishes it: keyed hashes only
            ErasureListEntries entries = new ErasureListEntries(KeyRingLoader.erasureListKey(keys,
                    Map.of()), new SubjectIdentifiers(catalog, KeyRingLoader.load(policy, keys, Map.of()),
                    Clock.systemUTC())::everyForm);
            ErasureRequest aliceErased = ErasureRequest.newBuilder().setRequestId("req-alice")
                    .setSubjectId("alice-subject").setRequestedAt(EVENT_TIME).setRequestedBy("dpo@example").build();
            TopicSpec<String, ErasedIdentifier> erasure = catalog.topics().erasure();
            producer.send(new ProducerRecord<>(erasure.name(), erasure.keySerde().serializer().serialize(erasure.name(),
                    entries.key(aliceErased)), erasure.valueSerde().serializer().serialize(erasure.name(),
                    entries.of(aliceErased)))).get();
            deadLetters.send(rejected(catalog.topic(service).name(), value(catalog, service, rows.row(service, 0,
                    EVENT_TIME, "alice-subject", "alice-device", "cn-north"))));
            deadLetters.send(rejected(catalog.topic(service).name(), bobService));
            deadLetters.send(rejected(catalog.topic(personalization).name(), value(catalog, personalization,
                    rows.row(personalization, 3, EVENT_TIME, "alice-subject", "alice-device", "cn-north"))));
            deadLetters.send(rejected(catalog.topic(personalization).name(), bobPersonalization));
            deadLetters.send(new DeadLetter(null, "a retention change".getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders(), DeadLetterReason.RETENTION_ABOVE_MAX, "above max_retention",
                    Optional.of(catalog.topics().retention().name()), Optional.empty()));
            deadLetters.send(rejected("sieve.purpose.retired.device", bobService));
            deadLetters.flush();
        }
        String left = """
                  not replayable, left in sieve.dlq.sink: 4
                    its subject or device has been erased since (personalization_device)  1
                    its subject or device has been erased since (service_device)  1
                    source topic sieve.control.retention is not an input of stage sink (a rejected control request is issued\
                 again, not replayed)  1
                    source topic sieve.purpose.retired.device is not a topic of the current policy  1
                  skipped by the --reason filter (still pending): 0
                """;

        CliRun dry = CliRun.of("dlq", "replay", "--config", config.toString(), "--stage", "sink", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).isEqualTo("""
                sieve.dlq.sink: dry run, nothing written or committed
                  would be replayed: 2
                    sieve.purpose.personalization.device  1
                    sieve.purpose.service.device  1
                """ + left);
        assertThat(read(KAFKA.bootstrapServers(), catalog.topic(service).name(), false)).isEmpty();
        assertThat(read(KAFKA.bootstrapServers(), catalog.topic(personalization).name(), false)).isEmpty();

        CliRun run = CliRun.of("dlq", "replay", "--config", config.toString(), "--stage", "sink");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                sieve.dlq.sink
                  replayed: 2
                    sieve.purpose.personalization.device  1
                    sieve.purpose.service.device  1
                  the stage judges them again; one that fails again returns to sieve.dlq.sink marked as a failed\
                 replay and is never replayed again (sieve dlq inspect)
                """ + left);
        assertThat(values(read(KAFKA.bootstrapServers(), catalog.topic(service).name(), true)))
                .containsExactly(bytes(bobService));
        List<ConsumerRecord<byte[], byte[]>> replayed = read(KAFKA.bootstrapServers(),
                catalog.topic(personalization).name(), true);
        assertThat(values(replayed)).containsExactly(bytes(bobPersonalization));
        assertThat(new String(replayed.get(0).headers().lastHeader(Topics.HEADER_REGION).value(),
                StandardCharsets.UTF_8)).isEqualTo("cn-north");
        assertThat(replayed.get(0).headers().lastHeader(Topics.HEADER_APP_ID)).as("the sink added it").isNull();

        CliRun again = CliRun.of("dlq", "replay", "--config", config.toString(), "--stage", "sink");
        assertThat(again.out()).contains("  replayed: 0\n", "  not replayable, left in sieve.dlq.sink: 0\n");
    }

    /** A purpose record ClickHouse refused, as the sink's writer dead-letters it. */
    static DeadLetter rejected(String topic, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_REGION, "cn-north".getBytes(StandardCharsets.UTF_8));
        return new DeadLetter("a-key".getBytes(StandardCharsets.UTF_8), value, headers,
                DeadLetterReason.REJECTED_BY_CLICKHOUSE, "Code: 241. DB::Exception: memory limit exceeded",
                Optional.of(topic), Optional.of("app-0"));
    }

    static byte[] value(TableCatalog catalog, TableLayout table, GenericRecord row) {
        String topic = catalog.topic(table).name();
        return catalog.topic(table).valueSerde().serializer().serialize(topic, row);
    }

    static List<List<Byte>> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> bytes(r.value())).toList();
    }

    static List<Byte> bytes(byte[] b) {
        Byte[] boxed = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            boxed[i] = b[i];
        }
        return List.of(boxed);
    }

    /** One key per purpose that pseudonymizes, in the layout {@code keys.dir} expects. */
    static Path keys(Path dir, Policy policy) throws Exception {
        for (Purpose p : policy.purposes().values()) {
            if (KeyRingLoader.pseudonymizes(p)) {
                byte[] secret = new byte[32];
                byte[] seed = p.id().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(seed, 0, secret, 0, Math.min(seed.length, secret.length));
                Files.createDirectories(dir.resolve(p.id()));
                Files.writeString(dir.resolve(p.id()).resolve("k1.key"), "valid_from=2020-01-01T00:00:00Z\nsecret="
                        + Base64.getEncoder().encodeToString(secret) + "\n");
            }
        }
        Files.createDirectories(dir.resolve(ErasureListKey.NAME));
        Files.writeString(dir.resolve(ErasureListKey.NAME).resolve("list.key"), "valid_from=2020-01-01T00:00:00Z\nsecret="
                + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        return dir;
    }
}
