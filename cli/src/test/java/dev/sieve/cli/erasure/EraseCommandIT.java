package dev.sieve.cli.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.CliRun;
import dev.sieve.cli.dlq.KafkaTopics;
import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.OpsConfig;
import dev.sieve.cli.operate.Poller;
import dev.sieve.cli.operate.RunningSink;
import dev.sieve.cli.operate.TopicRecords;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.sink.Sink;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.erasure.ErasureListEntries;
import dev.sieve.sink.erasure.ErasureStatus;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.hold.LegalHolds;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.SubjectRows;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code erase} and {@code erase status} against a real broker, the real sink and the real ClickHouse engine. */
class EraseCommandIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Poller FAST = new Poller(Clock.systemUTC(), Poller.Sleeper.REAL, Duration.ofMillis(200));
    static final List<String> TABLES = List.of("service_device", "security_ip", "personalization_device",
            "analytics_device");

    static TableCatalog catalog;
    static ErasureListEntries ENTRIES;
    final EngineGateway gateway = new EngineGateway(CLICKHOUSE);

    @BeforeAll
    static void topics() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        RunningSink.createTopics(KAFKA, catalog);
        ENTRIES = new ErasureListEntries(TestKeys.erasureList(), new SubjectIdentifiers(catalog,
                TestKeys.rings(catalog.policy()), Clock.systemUTC())::everyForm);
    }

    private RegionStores endpoints(SchemaOptions o) {
        return Stores.of(catalog, o, Map.of(RunningSink.REGION, gateway));
    }

    /** Two rows each of alice, bob and carol in every table of {@link #TABLES}, written by the sink's writer. */
    private void fill(SchemaOptions o) {
        PurposeRows rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        BatchWriter writer = new BatchWriter(catalog, endpoints(o),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.systemUTC());
        for (String name : TABLES) {
            TableLayout t = catalog.table(name).orElseThrow();
            List<GenericRecord> batch = new ArrayList<>();
            int i = 0;
            for (String who : List.of("alice", "bob", "carol")) {
                for (int n = 0; n < 2; n++) {
                    batch.add(rows.row(t, i++, NOW.minus(Duration.ofHours(i)), who + "-subject", who + "-device",
                            RunningSink.REGION));
                }
            }
            writer.write(Batches.of(catalog, t, 0, 0, batch, RunningSink.REGION));
        }
    }

    private long count(SchemaOptions o, String table, String who) throws IOException {
        TableLayout t = catalog.table(table).orElseThrow();
        SubjectIdentifiers ids = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), Clock.systemUTC());
        Subject subject = new Subject(Optional.of(who + "-subject"), Optional.of(who + "-device"));
        try (SubjectRows rows = endpoints(o).forRegion(RunningSink.REGION).orElseThrow().find(subject, ids)) {
            return rows.export(t, Optional.empty(), row -> { });
        }
    }

    @Test
    void anErasureRequestReachesTheSinkWhichErasesTheSubjectEverywhere() throws Exception {
        SchemaOptions o = SchemaOptions.single("sieve_erase");
        ErasureRequests requests = new ErasureRequests(catalog.topics());
        ErasureRequest request = requests.request(Optional.of("req-alice"), new Subject(Optional.of("alice-subject"),
                Optional.empty()), "dpo@example", Instant.now());
        ErasureRequests.Outcome outcome;
        RecordMetadata sent;
        try (Sink sink = RunningSink.start(KAFKA, CLICKHOUSE, catalog, o, "erase")) {
            fill(o);
            ErasureRequests.checkUnused(new ErasureStatus(endpoints(o))::of, "req-alice");
            try (ControlPublisher publisher = new ControlPublisher(RunningSink.kafkaClient(KAFKA))) {
                sent = requests.publish(publisher, request, ENTRIES);
            }
            outcome = ErasureRequests.await(new ErasureStatus(endpoints(o))::of, "req-alice", FAST, WAIT);
        }

        TopicSpec<String, ErasureRequest> topic = catalog.topics().erasureRequests();
        ConsumerRecord<byte[], byte[]> record = TopicRecords.at(KAFKA, sent);
        assertThat(record.topic()).isEqualTo("sieve.control.erasure-requests");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("req-alice");
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), record.value())).isEqualTo(request);
        List<ConsumerRecord<byte[], byte[]>> list = KafkaTopics.read(KAFKA.bootstrapServers(),
                catalog.topics().erasure().name(), true);
        for (ConsumerRecord<byte[], byte[]> r : list) { // other tests of this class erase through it too
            for (byte[] bytes : List.of(r.key(), r.value())) {
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("the erasure list names no one")
                        .doesNotContain("alice-subject", "carol-device", "dave-device");
            }
        }
        assertThat(list).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8)
                .equals(ENTRIES.erasureList().subject("alice-subject"))).singleElement().satisfies(r -> {
            ErasedIdentifier entry = catalog.topics().erasure().valueSerde().deserializer()
                    .deserialize(catalog.topics().erasure().name(), r.value());
            // raw, and the pseudonyms of both key epochs of every pseudonymizing purpose
            assertThat(entry.getFormHashes()).hasSize(ENTRIES.forms().of(new Subject(
                    Optional.of("alice-subject"), Optional.empty())).size()).hasSizeGreaterThan(2);
        });

        assertThat(outcome.finished()).isTrue();
        // alice's subject id is in service_device, security_ip (raw) and personalization_device (pseudonymized);
        // analytics_device keeps only the device, which this request does not name
        assertThat(outcome.byRegion().get(RunningSink.REGION)).hasValueSatisfying(s -> {
            assertThat(s.event()).isEqualTo("completed");
            assertThat(s.tables()).containsExactlyInAnyOrder("service_device", "security_ip", "personalization_device");
            assertThat(s.rowsDeleted()).isEqualTo(6);
        });
        assertThat(ErasureRequests.lines(outcome.byRegion())).singleElement().asString()
                .startsWith("cn-north: completed ").contains(", 6 rows deleted from ");
        for (String t : List.of("service_device", "security_ip", "personalization_device")) {
            assertThat(count(o, t, "alice")).as(t).isZero();
            assertThat(count(o, t, "bob")).as(t).isEqualTo(2);
        }
        assertThatThrownBy(() -> ErasureRequests.checkUnused(new ErasureStatus(endpoints(o))::of, "req-alice"))
                .isInstanceOf(CliFailure.class).hasMessage("erasure request id req-alice is already in use: choose"
                        + " another --id or leave it out");
        assertThat(new ErasureStatus(endpoints(o)).of("req-nobody"))
                .containsExactly(Map.entry(RunningSink.REGION, Optional.empty()));
    }

    @Test
    void anErasureOfAHeldDeviceFinishesAsDeferred() throws Exception {
        SchemaOptions o = SchemaOptions.single("sieve_erase_held");
        ErasureRequests requests = new ErasureRequests(catalog.topics());
        ErasureRequest request = requests.request(Optional.empty(), new Subject(Optional.empty(),
                Optional.of("carol-device")), "dpo@example", Instant.now());
        ErasureRequests.Outcome outcome;
        try (Sink sink = RunningSink.start(KAFKA, CLICKHOUSE, catalog, o, "erase-held")) {
            fill(o);
            SubjectIdentifiers ids = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()),
                    Clock.systemUTC());
            new LegalHolds(catalog, endpoints(o), ids, new Erasure(catalog, endpoints(o), ids, SinkMetrics.inMemory(),
                    Clock.systemUTC(), Erasure.sweepDelay(catalog.policy())), SinkMetrics.inMemory(), Clock.systemUTC())
                    .place("case-9", new Subject(Optional.empty(), Optional.of("carol-device")), "legal@example",
                            "litigation");
            try (ControlPublisher publisher = new ControlPublisher(RunningSink.kafkaClient(KAFKA))) {
                requests.publish(publisher, request, ENTRIES);
            }
            outcome = ErasureRequests.await(new ErasureStatus(endpoints(o))::of, request.getRequestId(), FAST, WAIT);
        }

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.byRegion().get(RunningSink.REGION)).hasValueSatisfying(s ->
                assertThat(s.event()).isEqualTo("deferred"));
        assertThat(count(o, "analytics_device", "carol")).isEqualTo(2);
    }

    /** The command line itself, with a configuration naming the broker: no ClickHouse is needed to file a request. */
    @Test
    void theCommandLinePrintsTheRequestIdOnlyOnceKafkaHasTheRequest(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("erase", "--device", "dave-device", "--by", "dpo@example", "--config",
                OpsConfig.write(dir, KAFKA.bootstrapServers(), catalog.policy()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("erasure request ([0-9a-f-]{36}) published \\(sieve\\.control\\.erasure-requests"
                + " partition"
                + " (\\d+) offset (\\d+)\\)\nfollow it with: sieve erase status \\1\n").matcher(run.out());
        assertThat(m.matches()).as(run.out()).isTrue();
        assertThat(run.out() + run.err()).doesNotContain("dave");
        ConsumerRecord<byte[], byte[]> record = TopicRecords.at(KAFKA, new RecordMetadata(
                new org.apache.kafka.common.TopicPartition("sieve.control.erasure-requests",
                        Integer.parseInt(m.group(2))),
                Long.parseLong(m.group(3)), 0, 0, 0, 0));
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(m.group(1));
        ErasureRequest decoded = catalog.topics().erasureRequests().valueSerde().deserializer()
                .deserialize("sieve.control.erasure-requests", record.value());
        assertThat(decoded.getRequestId()).isEqualTo(m.group(1));
        assertThat(decoded.getDeviceId()).isEqualTo("dave-device");
        assertThat(decoded.getSubjectId()).isNull();
        assertThat(decoded.getRequestedBy()).isEqualTo("dpo@example");
    }
}
