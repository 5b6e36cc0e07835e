package dev.sieve.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The bundled {@code logback.xml} and {@code sieve-local-logback.xml}, loaded as a process loads them, with their
 * output read back from stderr. A configuration that fails to load logs nothing at all, so each is read back.
 */
class LogConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A logger context configured from the bundled file with the given settings, and what it printed. */
    private static final class Configured implements AutoCloseable {
        final LoggerContext context = new LoggerContext();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final PrintStream previous = System.err;

        Configured(Map<String, String> settings) throws Exception {
            this("logback.xml", settings);
        }

        Configured(String resource, Map<String, String> settings) throws Exception {
            context.setMDCAdapter(new LogbackMDCAdapter());
            settings.forEach(context::putProperty);
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogConfigurationTest.class.getClassLoader().getResource(resource));
        }

        Logger logger(String name) {
            return context.getLogger(name);
        }

        List<JsonNode> lines() throws Exception {
            List<JsonNode> out = new ArrayList<>();
            for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
            return out;
        }

        @Override
        public void close() {
            context.stop();
            System.setErr(previous);
        }
    }

    @Test
    void eachLineIsOneJsonObjectWithTheFormattedMessageAndNotItsArguments() throws Exception {
        try (Configured log = new Configured(Map.of())) {
            log.logger("dev.sieve.sink.write").info("flushed {} rows into {}", 42, "analytics_device");
            List<JsonNode> lines = log.lines();
            assertThat(lines).hasSize(1);
            JsonNode line = lines.get(0);
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("loggerName").asText()).isEqualTo("dev.sieve.sink.write");
            assertThat(line.get("formattedMessage").asText()).isEqualTo("flushed 42 rows into analytics_device");
            assertThat(line.get("timestamp").asLong()).isPositive();
            assertThat(line.has("arguments")).isFalse();
            assertThat(line.has("message")).isFalse();
        }
    }

    @Test
    void levelsAreInfoForSieveAndWarnForKafkaUnlessConfigured() throws Exception {
        try (Configured log = new Configured(Map.of())) {
            log.logger("dev.sieve.enrich").debug("not shown");
            log.logger("org.apache.kafka.clients.NetworkClient").info("not shown either");
            log.logger("org.apache.kafka.clients.NetworkClient").warn("shown");
            assertThat(log.lines()).extracting(l -> l.get("formattedMessage").asText()).containsExactly("shown");
        }
        try (Configured log = new Configured(Map.of("SIEVE_LOG_LEVEL", "WARN", "SIEVE_LOG_LEVEL_KAFKA", "INFO"))) {
            log.logger("dev.sieve.enrich").info("not shown");
            log.logger("dev.sieve.enrich").warn("enrich warning");
            log.logger("org.apache.kafka.clients.NetworkClient").info("kafka info");
            assertThat(log.lines()).extracting(l -> l.get("formattedMessage").asText())
                    .containsExactly("enrich warning", "kafka info");
        }
    }

    @Test
    void aLevelsFileSetsSingleLoggers(@TempDir Path dir) throws Exception {
        Path levels = dir.resolve("log-levels.xml");
        Files.writeString(levels, "<included><logger name=\"dev.sieve.sink\" level=\"DEBUG\"/></included>");
        try (Configured log = new Configured(Map.of("SIEVE_LOG_LEVELS_FILE", levels.toString()))) {
            log.logger("dev.sieve.sink.write.BatchWriter").debug("sink debug");
            log.logger("dev.sieve.ingest").debug("not shown");
            assertThat(log.lines()).extracting(l -> l.get("formattedMessage").asText()).containsExactly("sink debug");
        }
    }

    @Test
    void theLocalPipelineLogsWarningsAsJsonAndTheBrokerOnlyErrors() throws Exception {
        try (Configured log = new Configured("sieve-local-logback.xml", Map.of())) {
            log.logger("dev.sieve.local").info("not shown");
            log.logger("dev.sieve.local").warn("local warning");
            log.logger("org.apache.kafka.clients.producer.KafkaProducer").warn("not shown");
            log.logger("kafka.server.ReplicaManager").error("not shown");
            log.logger("kafka.server.KafkaApis").error("broker error");
            List<JsonNode> lines = log.lines();
            assertThat(lines).extracting(l -> l.get("formattedMessage").asText())
                    .containsExactly("local warning", "broker error");
            assertThat(lines).extracting(l -> l.get("level").asText()).containsExactly("WARN", "ERROR");
        }
    }
}
