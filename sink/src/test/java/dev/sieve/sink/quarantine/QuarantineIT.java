package dev.sieve.sink.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.PartitionOffset;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.Sink;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Await;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeTraffic;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A quarantined purpose's records wait in Kafka while every other purpose is stored, a release stores them exactly
 * once (or, discarding, never and deletes them from the topic), and a restarted sink still holds the purpose. Real
 * broker, real engine, the sink as it runs. Each test has its own purpose, database and consumer group.
 */
class QuarantineIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final String REGION = "cn-north";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration WAIT = Duration.ofSeconds(60);
    /** One commit interval: a batch is due this long after its first record. */
    static final BatchThresholds THRESHOLDS = new BatchThresholds(1_000, 1 << 20, Duration.ofMillis(300));

    static PurposeTraffic traffic;

    @BeforeAll
    static void topics() throws Exception {
        traffic = PurposeTraffic.start(KAFKA, 2);
    }

    @AfterAll
    static void closeProducer() {
        traffic.close();
    }

    @Test
    void aQuarantinedPurposeWaitsInKafkaWhileOthersAreStoredAndIsStoredExactlyOnceAfterRelease() {
        String table = "personalization_device";
        String other = "service_device"; // never quarantined: it must keep flowing
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sink sink = sink("sieve_q_hold", registry)) {
            send(table, 0, 10);
            send(other, 0, 10);
            Await.until(() -> count("sieve_q_hold", table) == 10 && count("sieve_q_hold", other) == 10, WAIT,
                    "both purposes stored");

            quarantine("personalization");
            Await.until(() -> gauge(registry, "personalization") == 1, WAIT, "the sink read the quarantine");
            // Produced after the sink knew: the writer checks the quarantine after every poll, before any batch starts.
            send(table, 10, 20);
            send(other, 10, 20);
            Await.until(() -> count("sieve_q_hold", other) == 20, WAIT, "the other purpose still stored");
            sleep(THRESHOLDS.maxAge().multipliedBy(5));
            assertThat(count("sieve_q_hold", table)).as("rows of the quarantined purpose").isEqualTo(10);
            assertThat(committed("q_hold", table)).as("offsets of the quarantined purpose").isEqualTo(10);
            assertThat(gauge(registry, "service")).isZero();

            release("personalization", List.of());
            Await.until(() -> count("sieve_q_hold", table) == 20, WAIT, "the held rows stored after the release");
            Await.until(() -> committed("q_hold", table) == 20, WAIT, "the held rows committed");
            assertThat(gauge(registry, "personalization")).isZero();
        }
        assertThat(distinctRows("sieve_q_hold", table)).as("no row twice").isEqualTo(20);
        assertThat(count("sieve_q_hold", table)).isEqualTo(20);
        // chDB has no access management (no roles): the grants could not be revoked, and the audit trail says so.
        List<List<String>> audit = CLICKHOUSE.rows("SELECT event, grants, reason, changed_by, detail FROM"
                + " sieve_q_hold.sink_quarantine_audit WHERE purpose = 'personalization' AND region = 'cn-north'"
                + " ORDER BY recorded_at");
        assertThat(audit).extracting(r -> r.subList(0, 4)).containsExactly(
                List.of("quarantined", "failed", "leak in test", "ops@example"),
                List.of("released", "failed", "fixed", "ops@example"));
        assertThat(audit.get(0).get(4)).startsWith("readers' grants not revoked: ").contains("(UNKNOWN_ROLE)");
        assertThat(audit.get(1).get(4)).startsWith("readers' grants not given back: ").contains("(UNKNOWN_ROLE)");
    }

    @Test
    void aQuarantineSurvivesARestartOfTheSink() {
        String table = "advertising_device";
        String other = "service_ip";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sink first = sink("sieve_q_restart", registry)) {
            quarantine("advertising");
            Await.until(() -> gauge(registry, "advertising") == 1, WAIT, "the sink read the quarantine");
            send(table, 0, 10);
            send(other, 0, 10);
            Await.until(() -> count("sieve_q_restart", other) == 10, WAIT, "the other purpose stored");
            sleep(THRESHOLDS.maxAge().multipliedBy(5));
            assertThat(count("sieve_q_restart", table)).isZero();
        }
        try (Sink second = sink("sieve_q_restart", new SimpleMeterRegistry())) {
            send(table, 10, 15);
            send(other, 10, 15);
            Await.until(() -> count("sieve_q_restart", other) == 15, WAIT, "the other purpose stored after restart");
            sleep(THRESHOLDS.maxAge().multipliedBy(5));
            assertThat(count("sieve_q_restart", table)).as("held across the restart").isZero();
            assertThat(committed("q_restart", table)).isZero();

            release("advertising", List.of());
            Await.until(() -> count("sieve_q_restart", table) == 15, WAIT, "every held row stored");
        }
        assertThat(distinctRows("sieve_q_restart", table)).isEqualTo(15);
    }

    @Test
    void aDiscardingReleaseNeverStoresTheHeldRecordsAndDeletesThemFromKafka() throws Exception {
        String table = "product_improvement_device";
        String other = "service_service_log";
        String topic = traffic.catalog().topic(traffic.catalog().table(table).orElseThrow()).name();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Sink sink = sink("sieve_q_discard", registry)) {
            quarantine("product_improvement");
            Await.until(() -> gauge(registry, "product_improvement") == 1, WAIT, "the sink read the quarantine");
            send(table, 0, 10);
            send(other, 0, 10);
            Await.until(() -> count("sieve_q_discard", other) == 10, WAIT, "the other purpose stored");
            assertThat(count("sieve_q_discard", table)).isZero();

            List<PartitionOffset> end = endOffsets(topic);
            assertThat(end.stream().mapToLong(PartitionOffset::getOffset).sum()).isEqualTo(10);
            release("product_improvement", end);
            send(table, 10, 14); // after the release: stored as usual
            Await.until(() -> count("sieve_q_discard", table) == 4, WAIT, "the records after the release stored");
            Await.until(() -> committed("q_discard", table) == 14, WAIT, "committed past the discarded records");
            Await.until(() -> earliest(topic) == 10, WAIT, "the held records deleted from the topic");
            sleep(THRESHOLDS.maxAge().multipliedBy(5));
            assertThat(count("sieve_q_discard", table)).as("only what came after the release").isEqualTo(4);
        }
        assertThat(CLICKHOUSE.rows("SELECT event, detail LIKE 'held records discarded and deleted from Kafka in 2"
                + " partitions%' FROM sieve_q_discard.sink_quarantine_audit WHERE purpose = 'product_improvement'"
                + " ORDER BY recorded_at")).containsExactly(List.of("quarantined", "0"), List.of("released", "1"));
    }

    private static Sink sink(String database, SimpleMeterRegistry registry) {
        String group = database.substring("sieve_".length());
        return Sink.builder().catalog(traffic.catalog())
                .stores(Map.of(REGION, new ClickHouseStore(REGION, new EngineGateway(CLICKHOUSE),
                        SchemaOptions.single(database), traffic.catalog()))).keyRings(traffic.rings())
                .kafka(KAFKA.bootstrapServers(), group, Map.of()).thresholds(THRESHOLDS)
                .metrics(new SinkMetrics(registry)).start();
    }

    private static void quarantine(String purpose) {
        publish(new PurposeQuarantine(purpose, QuarantineState.QUARANTINED, "leak in test", "ops@example",
                Instant.now(), List.of()));
    }

    private static void release(String purpose, List<PartitionOffset> discardBefore) {
        publish(new PurposeQuarantine(purpose, QuarantineState.RELEASED, "fixed", "ops@example", Instant.now(),
                discardBefore));
    }

    private static void publish(PurposeQuarantine q) {
        TopicSpec<String, PurposeQuarantine> spec = traffic.catalog().topics().quarantine();
        try {
            traffic.producer().send(new ProducerRecord<>(spec.name(), spec.keySerde().serializer().serialize(spec.name(),
                    q.getPurpose()), spec.valueSerde().serializer().serialize(spec.name(), q))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of the table, spread over the topic's partitions. */
    private static void send(String table, int from, int to) {
        TableLayout t = traffic.catalog().table(table).orElseThrow();
        TopicSpec<String, GenericRecord> spec = traffic.catalog().topic(t);
        try {
            for (int i = from; i < to; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(Topics.HEADER_REGION, REGION.getBytes(StandardCharsets.UTF_8));
                GenericRecord value = traffic.rows().row(t, i, NOW, "s-" + i, "d-" + i, REGION);
                traffic.producer().send(new ProducerRecord<>(spec.name(), i % 2, ("d-" + i).getBytes(StandardCharsets.UTF_8),
                        spec.valueSerde().serializer().serialize(spec.name(), value), headers)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String purpose) {
        return registry.get(SinkMetrics.PURPOSE_QUARANTINED).tag("purpose", purpose).gauge().value();
    }

    private static long count(String database, String table) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + database + "." + table).get(0).get(0));
    }

    private static long distinctRows(String database, String table) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM (SELECT DISTINCT * EXCEPT _ingested_at FROM "
                + database + "." + table + ")").get(0).get(0));
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
    }

    private static long committed(String group, String table) {
        String topic = traffic.catalog().topic(traffic.catalog().table(table).orElseThrow()).name();
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PartitionOffset> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
                    new TopicPartition(topic, 1), OffsetSpec.latest())).all().get().entrySet().stream()
                    .map(e -> new PartitionOffset(topic, e.getKey().partition(), e.getValue().offset())).toList();
        }
    }

    /** The sum of the partitions' first offsets: what deleteRecords moved. */
    private static long earliest(String topic) {
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.earliest(),
                    new TopicPartition(topic, 1), OffsetSpec.earliest())).all().get().values().stream()
                    .mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
