package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.RetentionTtl;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit against the real ClickHouse engine (chDB, one per region) and a real broker: clean after the sink's
 * migrations and {@code topics apply}, then exactly the drifts made for real with DDL and the admin client.
 */
class AuditIT {

    @RegisterExtension
    static final ClickHouseEngine NORTH = new ClickHouseEngine();
    @RegisterExtension
    static final ClickHouseEngine EAST = new ClickHouseEngine();
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final String DB = "sieve_audit";
    static final long DAY_MS = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    @Test
    void cleanAfterMigrationsAndTopicsApplyThenExactlyTheDriftsMadeForReal() throws Exception {
        SinkContext context = context("http://cn-north.invalid:8123");
        SchemaOptions o = context.config().schema();
        Map<String, ClickHouseGateway> regions = Map.of("cn-north", new EngineGateway(NORTH), "cn-east",
                new EngineGateway(EAST));
        for (ClickHouseGateway ch : regions.values()) {
            Migrations.statements(context.catalog(), o).forEach(ch::execute);
        }
        CliRun apply = CliRun.of("topics", "apply", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(apply.exitCode()).as(apply.err()).isZero();

        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()));
                SinkOperations sink = new SinkOperations(context.catalog(), o, () -> Stores.of(context.catalog(), o,
                        regions), () -> {
                    throw new AssertionError("the audit needs no keys");
                }, Clock.systemUTC())) {
            AuditReport clean = Audit.run(context, sink, admin, AuditCommand.DEFAULT_PARTITIONS, List.of());
            assertThat(clean.findings().stream().map(Finding::line)).isEmpty();
            assertThat(clean.exitCode()).isZero();
            String chdb = "cannot read the access tables (Code: 497. DB::Exception: default: Not enough privileges. To"
                    + " execute this query, it's necessary to have the grant SHOW ROLES ON *.*. (ACCESS_DENIED)): the"
                    + " audit's user needs SHOW USERS and SHOW ROLES, on a server with access management";
            String text = ReportFormat.TEXT.render(clean);
            assertThat(text.lines().filter(l -> !l.startsWith("K ")).map(l -> l + "\n").reduce("", String::concat))
                    .as("chDB has no access management: said, not taken as clean")
                    .isEqualTo("UNCHECKED cn-north grants: " + chdb + "\nUNCHECKED cn-east grants: " + chdb + "\n"
                            + "0 drifts (0 privacy), 0 notes; not checked: grants in cn-north, grants in cn-east\n");
            assertThat(text.lines().filter(l -> l.startsWith("K "))).as("every non-raw table of both regions, empty")
                    .hasSize(2 * (int) context.catalog().tables().stream().filter(t -> !t.holdsRawIdentifiers())
                            .count())
                    .allMatch(l -> l.contains(": no rows within "))
                    .contains("K cn-east sieve_audit.analytics_ip: no rows within 365d, k not measured (over"
                            + " event_time, ip_address, geo_country)");

            PurposeQuarantine quarantine = new PurposeQuarantine("analytics", QuarantineState.QUARANTINED,
                    "scrubber regression", "ops@example", Instant.parse("2026-12-05T22:00:00Z"), List.of());
            AuditReport quarantined = Audit.run(context, sink, admin, AuditCommand.DEFAULT_PARTITIONS,
                    List.of(quarantine));
            assertThat(quarantined.findings().stream().map(Finding::line)).containsExactly("NOTE quarantine purpose"
                    + " analytics: quarantined since 2026-12-05T22:00:00Z by ops@example (scrubber regression): its"
                    + " records wait in Kafka, none is stored");
            assertThat(quarantined.exitCode()).as("a quarantine is no drift").isZero();

            TableLayout serviceIp = context.catalog().table("service_ip").orElseThrow();
            TableLayout serviceDevice = context.catalog().table("service_device").orElseThrow();
            TableLayout securityIp = context.catalog().table("security_ip").orElseThrow();
            List.of("ALTER TABLE sieve_audit.analytics_device ADD COLUMN subject_id Nullable(String)",
                    "ALTER TABLE sieve_audit.analytics_ip DROP CONSTRAINT device_id_is_pseudonym",
                    "ALTER TABLE sieve_audit.product_improvement_device MODIFY COLUMN os_name String",
                    "ALTER TABLE sieve_audit.service_ip MODIFY TTL "
                            + RetentionTtl.expression(serviceIp, Duration.ofDays(30), o),
                    "ALTER TABLE sieve_audit.service_device MODIFY TTL "
                            + RetentionTtl.expression(serviceDevice, Duration.ofDays(3), o),
                    "ALTER TABLE sieve_audit.security_ip MODIFY TTL " + RetentionTtl.rowTime(securityIp) + " + "
                            + RetentionTtl.interval(securityIp.retention()),
                    "DROP TABLE sieve_audit.surveys_device",
                    "CREATE TABLE sieve_audit.old_purpose_device (device_id String) ENGINE = MergeTree ORDER BY device_id",
                    "INSERT INTO sieve_audit.old_purpose_device VALUES ('raw-device-1'), ('raw-device-2')")
                    .forEach(NORTH::execute);
            set(admin, "sieve.raw.device", TopicConfig.RETENTION_MS_CONFIG, Long.toString(7 * DAY_MS));
            set(admin, "sieve.purpose.analytics.device", TopicConfig.RETENTION_MS_CONFIG, Long.toString(DAY_MS));
            set(admin, "sieve.control.erasure", TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            admin.deleteTopics(List.of("sieve.dlq.sink")).all().get();
            admin.createTopics(List.of(new NewTopic("sieve.purpose.retired.device", 3, (short) 1))).all().get();
            await(() -> !admin.listTopics().names().get().contains("sieve.dlq.sink"));

            AuditReport drifted = Audit.run(context, sink, admin, AuditCommand.DEFAULT_PARTITIONS, List.of());
            assertThat(drifted.findings().stream().map(Finding::line)).containsExactly(
                    "NOTE cn-north sieve_audit.service_device: TTL shorter than the policy's retention (ops may shorten"
                            + " it at run time; see sink_retention_audit): live 3d, policy 30d",
                    "DRIFT privacy cn-north sieve_audit.service_ip: TTL longer than the policy's retention: live 30d,"
                            + " policy 7d",
                    "DRIFT error cn-north sieve_audit.product_improvement_device.os_name: type differs: live String,"
                            + " policy LowCardinality(String)",
                    "DRIFT error cn-north sieve_audit.security_ip: TTL deletes rows under legal hold: no hold condition"
                            + " on subject_id, device_id",
                    "DRIFT error cn-north sieve_audit.surveys_device: table missing",
                    "DRIFT privacy cn-north sieve_audit.analytics_device.subject_id: column the policy does not allow"
                            + " (direct identifier in a pseudonymous purpose's table): live Nullable(String), policy none",
                    "DRIFT privacy cn-north sieve_audit.analytics_ip.device_id: pseudonym column without its CHECK"
                            + " constraint device_id_is_pseudonym: a raw identifier would be stored",
                    "DRIFT privacy cn-north sieve_audit.old_purpose_device: table the policy does not have, holding 2"
                            + " rows",
                    "DRIFT privacy kafka sieve.raw.device: retention.ms longer than the policy's: live 7d, policy 3d",
                    "NOTE kafka sieve.purpose.analytics.device: retention.ms shorter than the policy's: live 1d,"
                            + " policy 3d",
                    "DRIFT error kafka sieve.dlq.sink: topic missing",
                    "DRIFT privacy kafka sieve.control.erasure: cleanup.policy differs: live delete, policy compact",
                    "DRIFT privacy kafka sieve.purpose.retired.device: topic the policy does not have (it may hold"
                            + " data no purpose covers)");
            assertThat(drifted.summary()).isEqualTo("11 drifts (7 privacy), 2 notes; not checked: grants in cn-north,"
                    + " grants in cn-east");
            assertThat(drifted.exitCode()).isEqualTo(1);
            assertThat(ReportFormat.TEXT.render(drifted) + ReportFormat.JSON.render(drifted))
                    .doesNotContain("raw-device");
        }
    }

    @Test
    void aRegionThatCannotBeReachedFailsTheAuditNamingIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path config = write("http://127.0.0.1:" + closed);

        CliRun run = CliRun.of("audit", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("cannot audit the ClickHouse of region cn-north: ClickHouse unreachable:");
        assertThat(run.out()).isEmpty();
    }

    private SinkContext context(String northUrl) throws Exception {
        return SinkContext.load(Optional.of(write(northUrl).toString()), Map.of());
    }

    private Path write(String northUrl) throws Exception {
        return Files.writeString(dir.resolve("sink.properties"), "kafka.bootstrap.servers=" + KAFKA.bootstrapServers()
                + "\nclickhouse.database=" + DB + "\nclickhouse.region.cn-north.url=" + northUrl
                + "\nclickhouse.region.cn-north.user=sieve_sink\nclickhouse.region.cn-east.url=http://cn-east.invalid:8123\n");
    }

    /** Sets a topic config and waits until the broker reports it: KRaft applies config records asynchronously. */
    private static void set(Admin admin, String topic, String key, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(key, value),
                AlterConfigOp.OpType.SET)))).all().get();
        await(() -> value.equals(admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key).value()));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.holds()) {
            assertThat(System.nanoTime()).as("timed out waiting for the broker").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
