package dev.sieve.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import dev.sieve.schemas.pseudonym.ReloadingKeyRings;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Await;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.SinkTopics;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.sink.write.UnknownKeyEpochException;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation while the sink runs (issue: a key added to {@code keys.dir} was only seen after a restart, so an
 * erasure silently left the new epoch's rows). On a real broker and the real engine: the sink re-reads its keys,
 * stores the rows of a key added after it started and erases them; rows under a key it never gets are not stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** The new epoch began a minute ago: events of now are pseudonymized with it. */
    static final Instant EPOCH_3 = NOW.minus(Duration.ofMinutes(1));
    static final Duration WAIT = Duration.ofSeconds(60);
    static final BatchThresholds SMALL = new BatchThresholds(25, 1 << 20, Duration.ofMillis(200));
    static final String TABLE = "personalization_device";

    static TableCatalog catalog;
    static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void topics() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        SinkTopics.create(KAFKA, catalog, 1);
        KAFKA.createTopic(catalog.topics().salts().name(), 1);
        producer = new KafkaProducer<>(KAFKA.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    @Order(1)
    void aKeyAddedWhileTheSinkRunsIsStoredAndErasedWithoutARestart(@TempDir Path dir) throws Exception {
        TestKeys.writeDir(dir, catalog.policy());
        TableLayout table = catalog.table(TABLE).orElseThrow();
        Sink sink = sink(dir, "sieve_rotation", "rotation").start();
        try {
            // the sink runs with e1 and e2; the operator adds e3, anonymize starts using it
            Map<String, KeyRing> withE3 = addKey(dir, "e3", EPOCH_3, "third");
            PurposeRows rows = new PurposeRows(withE3);
            for (int i = 0; i < 6; i++) {
                send(table, rows.row(table, i, NOW, i % 2 == 0 ? "erase-me" : "keep-me", "dev-" + i, "cn-north"));
            }
            Await.until(() -> count("sieve_rotation", table.name(), "1") == 6, WAIT, "the new epoch's rows stored");
            assertThat(CLICKHOUSE.rows("SELECT DISTINCT splitByChar(':', subject_id)[1] FROM sieve_rotation."
                    + table.name())).containsExactly(List.of("e3"));

            produceErasure(new ErasureRequest("req-rotated", "erase-me", null, NOW, "dpo@example"));
            Await.until(() -> CLICKHOUSE.rows("SELECT rows_deleted FROM sieve_rotation.sink_erasure_audit"
                    + " WHERE request_id = 'req-rotated' AND event = 'completed'").equals(List.of(List.of("3"))),
                    WAIT, "the erasure completed with the 3 rows of the new epoch");
            KeyRing ring = withE3.get("personalization");
            String erased = ring.pseudonymize("erase-me", ring.keyAt(NOW));
            String kept = ring.pseudonymize("keep-me", ring.keyAt(NOW));
            assertThat(CLICKHOUSE.rows("SELECT subject_id, count() FROM sieve_rotation." + table.name()
                    + " GROUP BY subject_id")).containsExactly(List.of(kept, "3"));
            assertThat(erased).startsWith("e3:");
            assertThat(sink.writerDone()).isNotDone();
        } finally {
            sink.close();
        }
    }

    /** Last: the refused record stays on its topic, and every later sink on this broker would meet it. */
    @Test
    @Order(2)
    void rowsUnderAKeyTheSinkNeverGetsAreNotStoredAndStopTheWriter(@TempDir Path dir, @TempDir Path anonymizeDir)
            throws Exception {
        TestKeys.writeDir(dir, catalog.policy());
        addKey(dir, "e3", EPOCH_3, "third");
        TableLayout table = catalog.table("personalization_service_log").orElseThrow();
        // only anonymize's key directory gets the next key
        TestKeys.writeDir(anonymizeDir, catalog.policy());
        addKey(anonymizeDir, "e3", EPOCH_3, "third");
        PurposeRows rows = new PurposeRows(addKey(anonymizeDir, "e9", NOW.minusSeconds(1), "ninth"));
        Sink sink = sink(dir, "sieve_missing_key", "missing-key").start();
        try {
            send(table, rows.row(table, 0, NOW, "subject-x", "dev-x", "cn-north"));
            assertThat(sink.writerDone()).failsWithin(WAIT).withThrowableThat().havingRootCause()
                    .isInstanceOf(UnknownKeyEpochException.class)
                    .withMessage("table personalization_service_log received pseudonyms under key e9 of purpose"
                            + " personalization, which the sink's keys (keys.dir, SIEVE_KEY__*) do not include: erasure"
                            + " and export could not find those rows, so they were not stored; give the sink the key"
                            + " anonymize uses and start it again");
        } finally {
            sink.close();
        }
        assertThat(count("sieve_missing_key", table.name(), "1")).isZero();
    }

    private static Sink.Builder sink(Path keysDir, String database, String group) throws Exception {
        // a reading that stays fresh for an hour: only the writer's re-read on an unknown key can see e3
        ReloadingKeyRings keys = ReloadingKeyRings.load(catalog.policy(), keysDir, Map.of(), Duration.ofHours(1),
                Clock.systemUTC());
        return Sink.builder().catalog(catalog)
                .stores(Map.of("cn-north", new ClickHouseStore("cn-north", new EngineGateway(CLICKHOUSE),
                        SchemaOptions.single(database), catalog))).keys(keys)
                .kafka(KAFKA.bootstrapServers(), group, Map.of()).thresholds(SMALL);
    }

    /**
     * Writes key {@code id} for every purpose that pseudonymizes into the directory; returns the rings of every key
     * of the directory.
     */
    private static Map<String, KeyRing> addKey(Path dir, String id, Instant validFrom, String seed) throws Exception {
        Map<String, KeyRing> out = new LinkedHashMap<>();
        for (Map.Entry<String, KeyRing> e : KeyRingLoader.load(catalog.policy(), dir, Map.of()).entrySet()) {
            byte[] secret = new byte[32];
            Arrays.fill(secret, (byte) 3);
            System.arraycopy((e.getKey() + seed).getBytes(StandardCharsets.UTF_8), 0, secret, 0,
                    Math.min(32, (e.getKey() + seed).length()));
            PseudonymKey key = new PseudonymKey(id, validFrom, secret);
            Files.writeString(dir.resolve(e.getKey()).resolve(id + ".key"), "valid_from=" + validFrom + "\nsecret="
                    + Base64.getEncoder().encodeToString(secret) + "\n");
            List<PseudonymKey> keys = new ArrayList<>(e.getValue().keys());
            keys.add(key);
            out.put(e.getKey(), KeyRing.of(e.getKey(), keys));
        }
        return out;
    }

    private static void send(TableLayout t, GenericRecord value) throws Exception {
        TopicSpec<String, GenericRecord> spec = catalog.topic(t);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_REGION, "cn-north".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(spec.name(), null, "k".getBytes(StandardCharsets.UTF_8),
                spec.valueSerde().serializer().serialize(spec.name(), value), headers)).get();
    }

    private static void produceErasure(ErasureRequest request) throws Exception {
        TopicSpec<String, ErasureRequest> spec = catalog.topics().erasureRequests();
        producer.send(new ProducerRecord<>(spec.name(), request.getRequestId().getBytes(StandardCharsets.UTF_8),
                spec.valueSerde().serializer().serialize(spec.name(), request))).get();
    }

    private static long count(String database, String table, String where) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + database + "." + table + " WHERE " + where)
                .get(0).get(0));
    }
}
