package dev.sieve.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.ClickHouseStore;
import dev.sieve.sink.clickhouse.InsertRequest;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Await;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeTraffic;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.StoreFailure;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer stores batches of different tables at the same time, at most {@code maxInsertsInFlight} at once, and
 * commits a batch's offsets only when its inserts succeeded: a table whose insert fails is replayed after a restart,
 * exactly once, while the other tables' batches are committed. Real broker, real engine; the gateway around the
 * engine only watches (and, for one table, loses an acknowledgement).
 */
class ConcurrentInsertsIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int ROWS = 20;
    static final int MAX_IN_FLIGHT = 3;
    static final BatchThresholds ONE_BATCH_PER_TABLE = new BatchThresholds(1_000, 1 << 20, Duration.ofMillis(300));

    static PurposeTraffic traffic;

    @BeforeAll
    static void topics() throws Exception {
        traffic = PurposeTraffic.start(KAFKA, 1);
    }

    @AfterAll
    static void closeProducer() {
        traffic.close();
    }

    @Test
    void insertsOfDifferentTablesOverlapUpToTheLimit() throws Exception {
        List<String> tables = List.of("analytics_device", "service_device", "security_device", "analytics_ip");
        tables.forEach(ConcurrentInsertsIT::sendRows);
        // Each insert waits (at most 20 s) for a second one to arrive: inserts made one after another never meet.
        CountDownLatch twoArrived = new CountDownLatch(2);
        AtomicInteger gaugeDuringInserts = new AtomicInteger();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WatchingGateway gateway = new WatchingGateway(new EngineGateway(CLICKHOUSE), request -> {
            twoArrived.countDown();
            await(twoArrived);
            gaugeDuringInserts.accumulateAndGet((int) registry.get(SinkMetrics.INSERTS_IN_FLIGHT).gauge().value(),
                    Math::max);
        });

        Sink sink = sink("sieve_overlap", gateway).metrics(new SinkMetrics(registry)).start();
        try {
            for (String name : tables) {
                Await.until(() -> count("sieve_overlap", name) == ROWS && committed("overlap", name) == ROWS, WAIT,
                        name + " stored and committed");
            }
        } finally {
            sink.close();
        }
        assertThat(gateway.mostAtOnce()).as("inserts running at once").isBetween(2, MAX_IN_FLIGHT);
        assertThat(gaugeDuringInserts.get()).as(SinkMetrics.INSERTS_IN_FLIGHT).isBetween(2, MAX_IN_FLIGHT);
        assertThat(registry.get(SinkMetrics.INSERTS_IN_FLIGHT).gauge().value()).isZero();
    }

    @Test
    void aFailedInsertHoldsBackOnlyItsOwnOffsetsAndIsStoredOnceAfterARestart() throws Exception {
        String failing = "personalization_device";
        List<String> others = List.of("software_management_software", "service_ip");
        sendRows(failing);
        others.forEach(ConcurrentInsertsIT::sendRows);
        // The failing table's insert reaches ClickHouse only after the others are stored; its acknowledgement is then
        // lost, which the writer must treat like any failed insert.
        WatchingGateway losesAnAck = new WatchingGateway(new EngineGateway(CLICKHOUSE), null) {
            @Override
            public void insert(InsertRequest request) {
                if (!request.table().endsWith("." + failing)) {
                    super.insert(request);
                    return;
                }
                Await.until(() -> others.stream().allMatch(t -> count("sieve_failing", t) == ROWS), WAIT,
                        "the other tables stored");
                super.insert(request);
                throw new StoreFailure(StoreFailure.Kind.FATAL, -1, "acknowledgement lost");
            }
        };

        Sink first = sink("sieve_failing", losesAnAck).start();
        assertThat(first.writerDone()).failsWithin(WAIT);
        first.close();

        for (String t : others) {
            assertThat(committed("failing", t)).as(t + " committed").isEqualTo(ROWS);
        }
        assertThat(count("sieve_failing", failing)).as("stored before the acknowledgement was lost").isEqualTo(ROWS);
        assertThat(committed("failing", failing)).as("offsets of the failed insert").isZero();

        Sink second = sink("sieve_failing", new EngineGateway(CLICKHOUSE)).start();
        try {
            Await.until(() -> committed("failing", failing) == ROWS, WAIT, "the replay committed");
        } finally {
            second.close();
        }
        for (String t : concat(failing, others)) {
            assertThat(count("sieve_failing", t)).as(t).isEqualTo(ROWS);
            assertThat(CLICKHOUSE.rows("SELECT count(DISTINCT event_id) FROM sieve_failing." + t))
                    .containsExactly(List.of(String.valueOf(ROWS)));
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }

    /** Each test its own database and group, so the shared topics are read from the start by each. */
    private static Sink.Builder sink(String database, ClickHouseGateway gateway) {
        String group = database.substring("sieve_".length());
        return Sink.builder().catalog(traffic.catalog())
                .stores(Map.of("cn-north", new ClickHouseStore("cn-north", gateway, SchemaOptions.single(database),
                        traffic.catalog()))).keyRings(traffic.rings())
                .kafka(KAFKA.bootstrapServers(), group, Map.of()).thresholds(ONE_BATCH_PER_TABLE)
                .retry(dev.sieve.sdk.RetryPolicy.builder().maxAttempts(1).build())
                .maxInsertsInFlight(MAX_IN_FLIGHT);
    }

    private static void sendRows(String table) {
        TableLayout t = traffic.catalog().table(table).orElseThrow();
        TopicSpec<String, GenericRecord> spec = traffic.catalog().topic(t);
        try {
            for (int i = 0; i < ROWS; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(Topics.HEADER_REGION, "cn-north".getBytes(StandardCharsets.UTF_8));
                GenericRecord value = traffic.rows().row(t, i, NOW, "s-" + i, "d-" + i, "cn-north");
                traffic.producer().send(new ProducerRecord<>(spec.name(), null, ("d-" + i).getBytes(StandardCharsets.UTF_8),
                        spec.valueSerde().serializer().serialize(spec.name(), value), headers)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(String database, String table) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + database + "." + table).get(0).get(0));
    }

    private static long committed(String group, String table) {
        String topic = traffic.catalog().topic(traffic.catalog().table(table).orElseThrow()).name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic)).mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine's gateway, counting the inserts that run at once and running a hook inside each. */
    private static class WatchingGateway implements ClickHouseGateway {
        private final EngineGateway engine;
        private final Consumer<InsertRequest> during;
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();

        WatchingGateway(EngineGateway engine, Consumer<InsertRequest> during) {
            this.engine = engine;
            this.during = during;
        }

        @Override
        public void execute(String sql) {
            engine.execute(sql);
        }

        @Override
        public String query(String sql, String format) {
            return engine.query(sql, format);
        }

        @Override
        public void insert(InsertRequest request) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (during != null) {
                    during.accept(request);
                }
                engine.insert(request);
            } finally {
                running.decrementAndGet();
            }
        }

        int mostAtOnce() {
            return mostAtOnce.get();
        }

        @Override
        public void close() {
        }
    }
}
