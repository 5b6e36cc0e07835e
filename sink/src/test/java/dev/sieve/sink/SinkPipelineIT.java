package dev.sieve.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Await;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeTraffic;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.FlushListener;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Purpose topics on a real broker → the sink → the real ClickHouse engine. */
class SinkPipelineIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration WAIT = Duration.ofSeconds(60);
    static final BatchThresholds SMALL = new BatchThresholds(25, 1 << 20, Duration.ofMillis(200));

    static PurposeTraffic traffic;

    @BeforeAll
    static void topics() throws Exception {
        traffic = PurposeTraffic.start(KAFKA, 2);
    }

    @AfterAll
    static void closeProducer() {
        traffic.close();
    }

    private static Sink.Builder sink(String database, String group) {
        return Sink.builder().catalog(traffic.catalog())
                .stores(Map.of("cn-north", new ClickHouseStore("cn-north", new EngineGateway(CLICKHOUSE),
                        SchemaOptions.single(database), traffic.catalog()))).keyRings(traffic.rings())
                .kafka(KAFKA.bootstrapServers(), group, Map.of()).thresholds(SMALL);
    }

    private static void send(TableLayout t, GenericRecord value, String region, String key) throws Exception {
        TopicSpec<String, GenericRecord> spec = traffic.catalog().topic(t);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_REGION, region.getBytes(StandardCharsets.UTF_8));
        traffic.producer().send(new ProducerRecord<>(spec.name(), null, key.getBytes(StandardCharsets.UTF_8),
                spec.valueSerde().serializer().serialize(spec.name(), value), headers)).get();
    }

    @Test
    void purposeTopicsLandWithEqualCountsAndBadRowsReachTheDeadLetterTopic() throws Exception {
        List<String> tables = List.of("service_ip", "analytics_device", "security_software", "personalization_service_log");
        for (String name : tables) {
            TableLayout t = traffic.catalog().table(name).orElseThrow();
            for (int i = 0; i < 60; i++) {
                send(t, traffic.rows().row(t, i, NOW.minus(Duration.ofMinutes(i)), "s-" + i, "d-" + i, "cn-north"), "cn-north",
                        "d-" + i);
            }
        }
        TableLayout analytics = traffic.catalog().table("analytics_device").orElseThrow();
        GenericRecord poison = new GenericRecordBuilder((GenericData.Record) traffic.rows().row(analytics, 99, NOW, "s", "d",
                "cn-north")).set("device_id", "raw-device-99").build();
        send(analytics, poison, "cn-north", "d-99");
        send(analytics, traffic.rows().row(analytics, 98, NOW, "s", "d-98", "cn-east"), "cn-east", "d-98");

        Sink sink = sink("sieve_flow", "flow").start();
        try {
            for (String name : tables) {
                Await.until(() -> count("sieve_flow", name) == 60, WAIT, name + " has all 60 rows");
            }
            // inserts run concurrently, so the poison row's dead letter may come after every table is complete
            String dlq = traffic.catalog().topics().deadLetter(Stage.SINK).name();
            List<String> reasons = List.of("rejected_by_clickhouse", "region_unroutable");
            List<ConsumerRecord<byte[], byte[]>> dead = readUntil(dlq, all -> analyticsDevice(all).stream()
                    .map(r -> header(r, Topics.HEADER_DLQ_REASON)).toList().containsAll(reasons),
                    "dead letters " + reasons + " from sieve.purpose.analytics.device");
            dead = analyticsDevice(dead);
            assertThat(dead).extracting(r -> header(r, Topics.HEADER_DLQ_REASON))
                    .containsOnlyElementsOf(reasons);
            assertThat(dead).allSatisfy(r -> assertThat(header(r, Topics.HEADER_DLQ_DETAIL)).doesNotContain("raw-device"));
        } finally {
            sink.close();
        }
        for (String name : tables) {
            assertThat(count("sieve_flow", name)).as(name).isEqualTo(60);
        }
    }

    @Test
    void aCrashBetweenInsertAndCommitIsReplayedWithoutDuplicates() throws Exception {
        // Two tables, so batches of both are in flight at once when the writer dies before committing.
        List<TableLayout> tables = List.of(traffic.catalog().table("software_management_software").orElseThrow(),
                traffic.catalog().table("personalization_device").orElseThrow());
        for (TableLayout t : tables) {
            for (int i = 0; i < 40; i++) {
                send(t, traffic.rows().row(t, i, NOW, "s-" + i, "d-" + i, "cn-north"), "cn-north", "d-" + i);
            }
        }
        AtomicBoolean crashed = new AtomicBoolean();
        FlushListener crashOnce = partitions -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash between insert and commit");
            }
        };
        Sink first = sink("sieve_crash", "crash").flushListener(crashOnce).start();
        assertThat(first.writerDone()).failsWithin(WAIT);
        first.close();
        assertThat(tables.stream().mapToLong(t -> count("sieve_crash", t.name())).sum()).isPositive();

        Sink second = sink("sieve_crash", "crash").start();
        try {
            for (TableLayout t : tables) {
                Await.until(() -> count("sieve_crash", t.name()) == 40 && committed("crash", t) == 40, WAIT,
                        "all 40 rows of " + t.name() + " stored and committed");
            }
        } finally {
            second.close();
        }
        for (TableLayout t : tables) {
            assertThat(count("sieve_crash", t.name())).as(t.name()).isEqualTo(40);
            assertThat(CLICKHOUSE.rows("SELECT count(DISTINCT event_id) FROM sieve_crash." + t.name()))
                    .containsExactly(List.of("40"));
        }
    }

    @Test
    void controlTopicsChangeRetentionAndEraseSubjects() throws Exception {
        TableLayout security = traffic.catalog().table("security_device").orElseThrow();
        for (int i = 0; i < 4; i++) {
            send(security, traffic.rows().row(security, i, NOW, i % 2 == 0 ? "erase-me" : "keep-me", "dev-" + i, "cn-north"),
                    "cn-north", "dev-" + i);
        }
        Sink sink = sink("sieve_control", "control").start();
        try {
            Await.until(() -> count("sieve_control", security.name()) == 4, WAIT, "rows stored");
            Topics topics = traffic.catalog().topics();
            produce(topics.retention(), "security_device",
                    new RetentionChange("security_device", 2, "ops@example", NOW, "incident review"));
            produce(topics.retention(), "analytics_device",
                    new RetentionChange("analytics_device", 500, "ops@example", NOW, null));
            produce(topics.erasureRequests(), "erase-me",
                    new ErasureRequest("req-9", "erase-me", null, NOW, "dpo@example"));

            Await.until(() -> CLICKHOUSE.rows("SELECT count() FROM sieve_control.sink_erasure_audit"
                    + " WHERE event = 'completed'").equals(List.of(List.of("1"))), WAIT, "erasure completed");
            assertThat(CLICKHOUSE.rows("SELECT DISTINCT subject_id FROM sieve_control.security_device"))
                    .containsExactly(List.of("keep-me"));
            assertThat(CLICKHOUSE.rows("SHOW CREATE TABLE sieve_control.security_device").get(0).get(0))
                    .contains("+ toIntervalDay(2) WHERE");
            assertThat(retentionMs("sieve.purpose.security.device")).isEqualTo("172800000");
            assertThat(CLICKHOUSE.rows("SELECT table_name, outcome FROM sieve_control.sink_retention_audit"
                    + " ORDER BY outcome")).containsExactly(List.of("security_device", "applied"),
                    List.of("analytics_device", "rejected"));
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(topics.deadLetter(Stage.SINK).name(), 1).stream()
                    .filter(r -> header(r, Topics.HEADER_SOURCE_TOPIC).equals(topics.retention().name())).toList();
            assertThat(dead).extracting(r -> header(r, Topics.HEADER_DLQ_REASON), r -> header(r, Topics.HEADER_DLQ_DETAIL))
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("retention_above_max",
                            "retention of analytics_device cannot be 500d: the policy's max_retention is 395d"));
        } finally {
            sink.close();
        }
    }

    private static <V> void produce(TopicSpec<String, V> spec, String key, V value) throws Exception {
        traffic.producer().send(new ProducerRecord<>(spec.name(), key.getBytes(StandardCharsets.UTF_8),
                spec.valueSerde().serializer().serialize(spec.name(), value))).get();
    }

    private static long count(String database, String table) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + database + "." + table).get(0).get(0));
    }

    private static long committed(String group, TableLayout t) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(traffic.catalog().topic(t).name()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String retentionMs(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(Set.of(r)).all().get().get(r).get(TopicConfig.RETENTION_MS_CONFIG).value();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        return readUntil(topic, all -> all.size() >= atLeast, atLeast + " records on " + topic);
    }

    /** Every record of {@code topic} read until {@code done} holds for them. */
    private static List<ConsumerRecord<byte[], byte[]>> readUntil(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, String what) {
        Map<String, Object> props = new HashMap<>(KAFKA.consumerProperties("reader-" + System.nanoTime()));
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            Await.until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return done.test(out);
            }, WAIT, what);
        }
        return out;
    }

    /** Every sink of this class reads the shared topics, each into its own database: this one's dead letters. */
    private static List<ConsumerRecord<byte[], byte[]>> analyticsDevice(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .filter(r -> header(r, Topics.HEADER_SOURCE_TOPIC).equals("sieve.purpose.analytics.device")).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
