package dev.sieve.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.testsupport.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The collector as an operator runs it: its own JVM, a configuration file, environment variables, SIGTERM. */
class CollectorMainIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Pattern LISTENING = Pattern.compile("collector listening on port (\\d+)");

    private static ProcessBuilder collectorProcess(Path config) {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The product's log configuration, not the test class path's (which hides INFO): the collector's own
                // lines are what is read here.
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName(), config.toString())
                .redirectErrorStream(true);
        pb.environment().put("NOTES_API_KEY", TestBed.API_KEY);
        return pb;
    }

    /** Lines the process prints, collected by a background reader so the process never blocks on output. */
    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (Exception e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    void startsFromAConfigFileServesAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        TestBed.createTopics(KAFKA);
        Path config = Files.writeString(dir.resolve("collector.properties"), """
                http.host=127.0.0.1
                http.port=0
                kafka.bootstrap.servers=%s
                apps.notes.api-key=${NOTES_API_KEY}
                """.formatted(KAFKA.bootstrapServers()));
        Process process = collectorProcess(config).start();
        try {
            BlockingQueue<String> lines = lines(process);
            int port = -1;
            StringBuilder seen = new StringBuilder();
            while (port < 0) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("collector output so far:\n" + seen).isNotNull();
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(seen).doesNotContain(TestBed.API_KEY);
            // The product's log backend: every line one JSON object with its level and message.
            for (String line : seen.toString().split("\n")) {
                JsonNode json = new ObjectMapper().readTree(line);
                assertThat(json.has("level") && json.has("formattedMessage")).as(line).isTrue();
            }

            assertThat(TestBed.postEvents(port, TestBed.json("{'events':[{'family':'ip','event':{'envelope':{"
                    + "'event_id':'main-1','event_time':'2026-11-29T08:15:30Z','app_id':'notes','app_version':'1',"
                    + "'sdk_version':'1','region':'cn-north'},'ip_address':'192.0.2.1'}}]}")).statusCode())
                    .isEqualTo(200);

            // SIGTERM through the handle: Process.destroy() would also close the output still to be read.
            assertThat(process.toHandle().destroy()).isTrue();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            StringBuilder rest = new StringBuilder();
            for (String line = lines.poll(10, TimeUnit.SECONDS); line != null; line = lines.poll(1, TimeUnit.SECONDS)) {
                rest.append(line).append('\n');
            }
            assertThat(rest).contains("stopping: finishing requests in progress, flushing to Kafka");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadConfigurationExitsWithEveryProblem(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("collector.properties"), """
                http.port=http
                apps.notes.api-key=${UNSET_VARIABLE_FOR_THIS_TEST}
                """);
        Process process = collectorProcess(config).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("""
                3 problems in %s:
                  http.port: 'http' is not a whole number
                  kafka.bootstrap.servers: required (or set SIEVE_KAFKA_BOOTSTRAP_SERVERS)
                  apps.notes.api-key: environment variable UNSET_VARIABLE_FOR_THIS_TEST is not set
                """.formatted(config));
    }
}
