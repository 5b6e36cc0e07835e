package dev.sieve.cli.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.OpsConfig;
import dev.sieve.cli.operate.Poller;
import dev.sieve.cli.operate.RunningSink;
import dev.sieve.cli.operate.TopicRecords;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.sink.Sink;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.retention.RetentionAudit;
import dev.sieve.sink.port.Rejection;
import dev.sieve.sink.retention.RetentionChanger;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code retention set} and {@code show} against a real broker, the real sink and the real ClickHouse engine. */
class RetentionCommandIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Poller FAST = new Poller(Clock.systemUTC(), Poller.Sleeper.REAL, Duration.ofMillis(200));

    static TableCatalog catalog;
    final EngineGateway gateway = new EngineGateway(CLICKHOUSE);

    @BeforeAll
    static void topics() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        RunningSink.createTopics(KAFKA, catalog);
    }

    /** service_ip: no other test looks at it, though every sink of this class reads the change too. */
    private RegionStores endpoints(SchemaOptions o) {
        return Stores.of(catalog, o, Map.of(RunningSink.REGION, gateway));
    }

    @Test
    void setPublishesExactlyTheChangeAskedForKeyedByTable() throws Exception {
        RetentionChanges changes = new RetentionChanges(catalog.topics(), c -> RetentionChanger.check(catalog, c).map(Rejection::detail));
        RetentionChange change = changes.request("service_ip", "20d", "ops@example", "ticket OPS-12",
                Instant.parse("2026-11-02T09:30:00.123456Z"));

        RecordMetadata sent;
        try (ControlPublisher publisher = new ControlPublisher(RunningSink.kafkaClient(KAFKA))) {
            sent = changes.publish(publisher, change);
        }

        TopicSpec<String, RetentionChange> topic = catalog.topics().retention();
        assertThat(sent.topic()).isEqualTo("sieve.control.retention");
        ConsumerRecord<byte[], byte[]> record = TopicRecords.at(KAFKA, sent);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("service_ip");
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), record.value())).isEqualTo(
                new RetentionChange("service_ip", 20, "ops@example", Instant.parse("2026-11-02T09:30:00.123Z"),
                        "ticket OPS-12"));
    }

    @Test
    void theSinkAppliesTheChangeAndShowReflectsIt() throws Exception {
        SchemaOptions o = SchemaOptions.single("sieve_retention_set");
        RetentionChanges changes = new RetentionChanges(catalog.topics(), c -> RetentionChanger.check(catalog, c).map(Rejection::detail));
        RetentionChange change = changes.request("security_device", "2d", "ops@example", "audit finding",
                Instant.now());
        RetentionChanges.Outcome outcome;
        try (Sink sink = RunningSink.start(KAFKA, CLICKHOUSE, catalog, o, "retention-set");
                ControlPublisher publisher = new ControlPublisher(RunningSink.kafkaClient(KAFKA))) {
            changes.publish(publisher, change);
            outcome = RetentionChanges.await(new RetentionAudit(endpoints(o))::of, change, FAST, WAIT);
        }

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.rejected()).isFalse();
        assertThat(outcome.byRegion().get(RunningSink.REGION)).hasValueSatisfying(e -> {
            assertThat(e.outcome()).isEqualTo("applied");
            assertThat(e.oldRetention()).isEqualTo("180d");
            assertThat(e.newRetention()).isEqualTo("2d");
            assertThat(e.topicRetentionMs()).contains(Duration.ofDays(2).toMillis());
        });

        List<RetentionReport.Row> rows;
        try (Admin admin = Admin.create(RunningSink.kafkaClient(KAFKA))) {
            rows = new RetentionReport(new SinkOperations(catalog, o, () -> endpoints(o), () -> {
                throw new AssertionError("the report needs no keys");
            }, Clock.systemUTC()), admin).rows();
        }
        assertThat(rows).hasSize(catalog.tables().size());
        RetentionReport.Row security = rows.stream().filter(r -> r.table().equals("security_device")).findFirst()
                .orElseThrow();
        assertThat(security.policy()).isEqualTo(Duration.ofDays(180));
        assertThat(security.live()).containsExactly(Map.entry(RunningSink.REGION, Optional.of(Duration.ofDays(2))));
        assertThat(security.topic()).isEqualTo("sieve.purpose.security.device");
        assertThat(security.topicMs()).contains(Duration.ofDays(2).toMillis());
        assertThat(security.lastChange()).hasValueSatisfying(e -> {
            assertThat(e.changedBy()).isEqualTo("ops@example");
            assertThat(e.changedAt()).isEqualTo(change.getChangedAt());
            assertThat(e.detail()).isEqualTo("audit finding");
        });
        RetentionReport.Row service = rows.stream().filter(r -> r.table().equals("service_device")).findFirst()
                .orElseThrow();
        assertThat(service.live()).containsExactly(Map.entry(RunningSink.REGION, Optional.of(Duration.ofDays(30))));
        assertThat(service.topicMs()).contains(Duration.ofDays(3).toMillis());
        assertThat(service.lastChange()).isEmpty();
        assertThat(RetentionReport.format(rows, List.of(RunningSink.REGION)).lines())
                .anyMatch(l -> l.matches("security_device +180d +2d +2d +\\S+ ops@example 180d -> 2d applied:"
                        + " audit finding"))
                .anyMatch(l -> l.matches("service_device +30d +30d +3d +-"));
    }

    @Test
    void waitingForASinkThatDoesNotRunEndsUnfinishedAtTheTimeout() throws Exception {
        SchemaOptions o = SchemaOptions.single("sieve_retention_nosink");
        Migrations.statements(catalog, o).forEach(CLICKHOUSE::execute);
        RetentionChange change = new RetentionChanges(catalog.topics(), c -> RetentionChanger.check(catalog, c).map(Rejection::detail)).request("security_ip", "7d", "ops@example", "test",
                Instant.now());

        Instant start = Instant.now();
        RetentionChanges.Outcome outcome = RetentionChanges.await(new RetentionAudit(endpoints(o))::of, change, FAST,
                Duration.ofSeconds(1));

        assertThat(outcome.finished()).isFalse();
        assertThat(outcome.byRegion()).containsExactly(Map.entry(RunningSink.REGION, Optional.empty()));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    /** The command line itself, with a configuration naming the broker: publishing needs no ClickHouse. */
    @Test
    void theCommandLineReportsOnlyWhatKafkaAcknowledged(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("retention", "set", "surveys_device", "14d", "--by", "ops@example", "--reason",
                "survey closed", "--config", OpsConfig.write(dir, KAFKA.bootstrapServers()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("published: retention of surveys_device to 14d \\(sieve\\.control\\.retention"
                + " partition (\\d+) offset (\\d+)\\)\nthe sink applies it in every region; see sieve retention"
                + " show\n").matcher(run.out());
        assertThat(m.matches()).as(run.out()).isTrue();
        ConsumerRecord<byte[], byte[]> record = TopicRecords.at(KAFKA, new RecordMetadata(
                new org.apache.kafka.common.TopicPartition("sieve.control.retention", Integer.parseInt(m.group(1))),
                Long.parseLong(m.group(2)), 0, 0, 0, 0));
        RetentionChange decoded = catalog.topics().retention().valueSerde().deserializer()
                .deserialize("sieve.control.retention", record.value());
        assertThat(decoded.getTable()).isEqualTo("surveys_device");
        assertThat(decoded.getRetentionDays()).isEqualTo(14);
        assertThat(decoded.getChangedBy()).isEqualTo("ops@example");
        assertThat(decoded.getReason()).isEqualTo("survey closed");
    }
}
