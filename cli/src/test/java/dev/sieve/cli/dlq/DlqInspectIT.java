package dev.sieve.cli.dlq;

import static dev.sieve.cli.dlq.KafkaTopics.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.ingest.adapter.kafka.KafkaEventLog;
import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.model.Rejection;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve dlq inspect} on a real broker, dead letters written by the stages' own writers: counts and
 * metadata, never contents unless asked for, and no trace in the cluster.
 */
class DlqInspectIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    /** Values that stand for personal data in the dead letters: none may be printed by default. */
    static final String SUBJECT = "user-8812";
    static final String DEVICE_KEY = "dev-5c1f";
    static final String ADDRESS = "203.0.113.7";

    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void deadLetters() throws Exception {
        KafkaTopics.apply(KAFKA.bootstrapServers());
        config = KafkaTopics.sinkConfig(dir, KAFKA.bootstrapServers());
        KafkaEventLog collector = new KafkaEventLog(new KafkaConfig(KAFKA.bootstrapServers(), Duration.ofSeconds(5),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ZERO, Map.of()), Limits.defaults(),
                new Topics(PolicyLoader.loadDefault()));
        try {
            collector.write(List.of(), List.of(
                    DeadLetter.received(utf8("{\"family\":\"ip\",\"event\":{\"envelope\":{\"subject_id\":\"" + SUBJECT
                            + "\",\"region\":\"mars\"}}}"), DeadLetterReason.UNKNOWN_REGION, new Rejection(
                            DeadLetterReason.UNKNOWN_REGION, "event.envelope.region",
                            "not a region of the policy; expected one of cn-north, cn-east").message(), "notes"),
                    DeadLetter.received(utf8("{\"family\":\"ip\",\"event\":{\"envelope\":{\"subject_id\":\"" + SUBJECT
                            + "\",\"app_id\":\"chat\"}}}"), DeadLetterReason.WRONG_APP, new Rejection(
                            DeadLetterReason.WRONG_APP, "event.envelope.app_id", "not the app of the API key (notes)")
                            .message(), "notes")), null).get();
        } finally {
            collector.close(Duration.ofSeconds(5));
        }
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            send(producer, DlqReplayIT.deadLetter(Stage.ENRICH, "sieve.raw.device", DeadLetterReason.UNDECODABLE,
                    DEVICE_KEY, "raw event of " + SUBJECT, 0));
        }
    }

    @Test
    void summarizesEveryStageAndListsMetadataWithoutContentsOrTrace() throws Exception {
        Collection<GroupListing> groupsBefore = groups();

        CliRun run = CliRun.of("dlq", "inspect", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("""
                sieve.dlq.ingest: 2 dead letters, pending replay
                  by reason: unknown_region 1, wrong_app 1
                  by source topic: none 2
                  by app: notes 2
                """, """
                  failed replays among them (never replayed again): 0
                  first 2 (partition:offset, time, reason, app, source topic, size):
                """, "  unknown_region  app notes  source none  ", """
                      detail: event.envelope.region: not a region of the policy; expected one of cn-north, cn-east
                """, """
                sieve.dlq.enrich: 1 dead letter, pending replay
                  by reason: undecodable 1
                  by source topic: sieve.raw.device 1
                  by app: none 1
                """, "    0:0  2025-11-24T16:00:00Z  undecodable  app none  source sieve.raw.device  22 bytes\n"
                + "      detail: the detail\n", """
                sieve.dlq.anonymize: 0 dead letters, pending replay
                sieve.dlq.sink: 0 dead letters, pending replay
                """);
        assertThat(run.out()).doesNotContain(SUBJECT, DEVICE_KEY, ADDRESS, "key:", "value:");
        assertThat(groups()).as("inspect joins and commits nothing").isEqualTo(groupsBefore);
    }

    @Test
    void showsContentsOnlyWhenAskedAndWarns() {
        CliRun run = CliRun.of("dlq", "inspect", "--config", config.toString(), "--stage", "enrich",
                "--show-payload");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo(DlqInspectCommand.PAYLOAD_WARNING + "\n");
        assertThat(run.out()).contains("      key: text \"" + DEVICE_KEY + "\"\n",
                "      value: text \"raw event of " + SUBJECT + "\"\n");
        assertThat(run.out()).as("headers are not contents asked for").doesNotContain(ADDRESS);
    }

    @Test
    void pendingMeansNotYetReplayedForItsReason() throws Exception {
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            send(producer, DlqReplayIT.deadLetter(Stage.ANONYMIZE, "sieve.enriched.ip",
                    DeadLetterReason.UNDECODABLE, "k1", "one", 1));
            send(producer, DlqReplayIT.deadLetter(Stage.ANONYMIZE, "sieve.enriched.ip",
                    DeadLetterReason.PROCESSING_FAILED, "k2", "two", 1));
        }
        CliRun replay = CliRun.of("dlq", "replay", "--config", config.toString(), "--stage", "anonymize",
                "--reason", "undecodable");
        assertThat(replay.out()).contains("  replayed: 1\n");

        assertThat(inspect("--stage", "anonymize")).startsWith("sieve.dlq.anonymize: 1 dead letter, pending replay\n"
                + "  by reason: processing_failed 1\n");
        assertThat(inspect("--stage", "anonymize", "--reason", "undecodable"))
                .isEqualTo("sieve.dlq.anonymize: 0 dead letters, pending replay\n");
        assertThat(inspect("--stage", "anonymize", "--from-beginning", "--limit", "0")).startsWith(
                "sieve.dlq.anonymize: 2 dead letters, all the topic still holds\n"
                        + "  by reason: processing_failed 1, undecodable 1\n").doesNotContain("first ");
    }

    private String inspect(String... args) {
        List<String> all = new ArrayList<>(List.of("dlq", "inspect", "--config", config.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private static Collection<GroupListing> groups() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            return List.copyOf(admin.listGroups().all().get());
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
