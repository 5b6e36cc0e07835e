package dev.sieve.cli.sunset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import dev.sieve.ingest.Collector;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve sunset} revokes the app's keys before it touches a table: a running collector refuses the app's
 * ingest and server keys from then on, another app's keep working, and a collector started afterwards refuses them
 * from its first request, though its configuration still lists them. The regions' ClickHouse is not reachable here,
 * so the command exits 1 at the tables, after the revocation; the tables' part is {@link SunsetIT}'s.
 */
class SunsetRevokesKeysIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final String NOTES_KEY = "notes-key-0123456789abcdef";
    static final String NOTES_SERVER_KEY = "notes-server-key-0123456789";
    static final String CHAT_KEY = "chat-key-0123456789abcdef";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aSunsetAppsIngestAndServerKeysAreRefusedByRunningAndNewCollectors(@TempDir Path dir) throws Exception {
        CliRun topics = CliRun.of("topics", "apply", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(topics.exitCode()).as(topics.err()).isZero();
        String sinkConfig = OpsConfig.write(dir, KAFKA.bootstrapServers(), PolicyLoader.loadDefault());
        Path exports = Files.createDirectories(dir.resolve("exports"));
        Path file = Files.writeString(dir.resolve("collector.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(), "http.host=127.0.0.1", "http.port=0",
                "apps.notes.api-key=" + NOTES_KEY, "apps.notes.server-key=" + NOTES_SERVER_KEY,
                "apps.chat.api-key=" + CHAT_KEY, "rights.sink-config=" + sinkConfig, "rights.export-dir=" + exports));
        CollectorConfig config = CollectorConfigLoader.read(file, Map.of());

        try (Collector collector = Collector.start(config)) {
            assertThat(events(collector, NOTES_KEY)).isNotEqualTo(401);
            assertThat(rights(collector, NOTES_SERVER_KEY)).isEqualTo(404);

            CliRun sunset = CliRun.of("sunset", "notes", "--delete", "--by", "ops@example", "--reason",
                    "the notes app closed", "--config", sinkConfig);
            assertThat(sunset.out()).startsWith("revoked the ingest and server keys of notes: collectors refuse"
                    + " them from now on\n");
            assertThat(sunset.exitCode()).as("ClickHouse is unreachable here: " + sunset.err()).isEqualTo(1);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events(collector, NOTES_KEY) != 401 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(events(collector, NOTES_KEY)).isEqualTo(401);
            assertThat(rights(collector, NOTES_SERVER_KEY)).isEqualTo(401);
            assertThat(events(collector, CHAT_KEY)).as("another app").isNotEqualTo(401);
        }
        try (Collector restarted = Collector.start(config)) {
            assertThat(events(restarted, NOTES_KEY)).isEqualTo(401);
            assertThat(rights(restarted, NOTES_SERVER_KEY)).isEqualTo(401);
            assertThat(events(restarted, CHAT_KEY)).isNotEqualTo(401);
        }
    }

    @Test
    void aDryRunRevokesNothing(@TempDir Path dir) throws Exception {
        CliRun topics = CliRun.of("topics", "apply", "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(topics.exitCode()).as(topics.err()).isZero();
        String sinkConfig = OpsConfig.write(dir, KAFKA.bootstrapServers());
        CliRun sunset = CliRun.of("sunset", "chat", "--delete", "--by", "ops@example", "--reason", "trial",
                "--dry-run", "--config", sinkConfig);
        assertThat(sunset.out()).doesNotContain("revoked");
        Path file = Files.writeString(dir.resolve("collector.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(), "http.host=127.0.0.1", "http.port=0",
                "apps.chat.api-key=" + CHAT_KEY));
        try (Collector collector = Collector.start(CollectorConfigLoader.read(file, Map.of()))) {
            assertThat(events(collector, CHAT_KEY)).isNotEqualTo(401);
        }
    }

    private static int events(Collector collector, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port() + "/v1/events"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int rights(Collector collector, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port()
                        + "/v1/rights/requests/none")).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
