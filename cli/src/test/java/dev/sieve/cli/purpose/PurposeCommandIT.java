package dev.sieve.cli.purpose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import dev.sieve.cli.operate.RunningSink;
import dev.sieve.schemas.control.PartitionOffset;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.CompactedTopicFollower;
import dev.sieve.sink.Sink;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Await;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve purpose quarantine|release|status} against a real broker, and with the real sink on the real ClickHouse
 * engine acting on them. Each test its own purpose: the quarantine topic is shared.
 */
class PurposeCommandIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Duration WAIT = Duration.ofSeconds(60);
    static TableCatalog catalog;

    @TempDir
    Path dir;

    @BeforeAll
    static void topics() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        RunningSink.createTopics(KAFKA, catalog);
    }

    @Test
    void quarantineAndReleasePublishTheStateKeyedByPurpose() throws Exception {
        String config = OpsConfig.write(dir, KAFKA.bootstrapServers());

        CliRun quarantine = CliRun.of("purpose", "quarantine", "analytics", "--reason", "scrubber regression",
                "--by", "ops@example", "--config", config);
        assertThat(quarantine.exitCode()).as(quarantine.err()).isZero();
        assertThat(quarantine.out()).startsWith("quarantined: purpose analytics (sieve.control.quarantine partition 0"
                + " offset ");
        PurposeQuarantine q = latest().get("analytics");
        assertThat(q.getState()).isEqualTo(QuarantineState.QUARANTINED);
        assertThat(q.getReason()).isEqualTo("scrubber regression");
        assertThat(q.getChangedBy()).isEqualTo("ops@example");
        assertThat(q.getDiscardBefore()).isEmpty();

        CliRun again = CliRun.of("purpose", "quarantine", "analytics", "--reason", "twice", "--config", config);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("purpose analytics is already quarantined: since ")
                .endsWith(" by ops@example: scrubber regression\n");
        assertThat(latest().get("analytics")).as("nothing published").isEqualTo(q);

        CliRun notQuarantined = CliRun.of("purpose", "release", "service", "--config", config);
        assertThat(notQuarantined.exitCode()).isEqualTo(1);
        assertThat(notQuarantined.err()).contains("purpose service is not quarantined; see sieve purpose status");

        String held = catalog.topic(catalog.table("analytics_device").orElseThrow()).name();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(held, new byte[] {1})).get();
            }
        }
        CliRun release = CliRun.of("purpose", "release", "analytics", "--discard", "--by", "ops@example",
                "--config", config);
        assertThat(release.exitCode()).as(release.err()).isZero();
        assertThat(release.out()).contains("released: purpose analytics").contains("the records it held are never"
                + " stored and are deleted from Kafka (" + analyticsTopics() + " partitions)");
        PurposeQuarantine released = latest().get("analytics");
        assertThat(released.getState()).isEqualTo(QuarantineState.RELEASED);
        assertThat(released.getDiscardBefore()).hasSize(analyticsTopics())
                .contains(new PartitionOffset(held, 0, 3L))
                .allMatch(p -> p.getTopic().startsWith("sieve.purpose.analytics."))
                .allMatch(p -> p.getTopic().equals(held) || p.getOffset() == 0);
    }

    @Test
    void anUnknownPurposeOrAMissingReasonIsBadUsageCheckedBeforeConnecting() throws Exception {
        String unreachable = OpsConfig.write(dir);

        CliRun unknown = CliRun.of("purpose", "quarantine", "analytix", "--reason", "leak", "--config", unreachable);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("the policy has no purpose analytix; its purposes: service,"
                + " personalization, product_improvement");
        assertThat(CliRun.of("purpose", "release", "analytix", "--config", unreachable).exitCode()).isEqualTo(2);

        CliRun noReason = CliRun.of("purpose", "quarantine", "analytics", "--config", unreachable);
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");

        CliRun blank = CliRun.of("purpose", "quarantine", "analytics", "--reason", " ", "--config", unreachable);
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--reason must say why");

        CliRun identifier = CliRun.of("purpose", "quarantine", "analytics", "--reason",
                "jane.doe@example.com found in analytics_service_log", "--config", unreachable);
        assertThat(identifier.exitCode()).isEqualTo(2);
        assertThat(identifier.err()).startsWith("--reason must not hold an identifier, and holds what email"
                + " recognizes: describe the leak without it").doesNotContain("jane");
    }

    @Test
    void statusListsWhatIsQuarantinedAndWhatTheSinkDidWithTheGrants() throws Exception {
        String config = OpsConfig.write(dir, KAFKA.bootstrapServers());
        SchemaOptions o = SchemaOptions.single("sieve_purpose_status");
        SinkOperations operations = new SinkOperations(catalog, o,
                () -> Stores.of(catalog, o, Map.of(RunningSink.REGION, new EngineGateway(CLICKHOUSE))), () -> {
                    throw new AssertionError("no keys needed");
                }, Clock.systemUTC());
        try (Sink sink = RunningSink.start(KAFKA, CLICKHOUSE, catalog, o, "purpose-status")) {
            assertThat(CliRun.of("purpose", "quarantine", "personalization", "--reason", "leak\tin a test", "--by",
                    "ops@example", "--config", config).exitCode()).isZero();
            Await.until(() -> operations.lastQuarantine("personalization").get(RunningSink.REGION).isPresent(), WAIT,
                    "the sink applied the quarantine");
        }
        List<PurposeQuarantine> quarantined = QuarantineRegister.read(RunningSink.kafkaClient(KAFKA),
                catalog.topics().quarantine()).quarantined().stream()
                .filter(q -> q.getPurpose().equals("personalization")).toList();
        String table = PurposeCommand.Status.table(quarantined, operations::lastQuarantine);
        // chDB has no roles: the sink could not revoke the grants, and says so (sieve audit reports the readers).
        assertThat(table).startsWith("PURPOSE          SINCE                 BY           REASON          GRANTS\n")
                .containsPattern("personalization  20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  ops@example"
                        + "  leak in a test  cn-north failed\n");
        operations.close();
    }

    private static Map<String, PurposeQuarantine> latest() throws Exception {
        return CompactedTopicFollower.latest(RunningSink.kafkaClient(KAFKA), catalog.topics().quarantine(),
                Duration.ofSeconds(30));
    }

    private static int analyticsTopics() {
        return (int) catalog.tables().stream().filter(t -> t.purpose().id().equals("analytics")).count();
    }
}
