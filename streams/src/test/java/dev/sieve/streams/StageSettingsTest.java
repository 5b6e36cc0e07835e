package dev.sieve.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageSettingsTest {

    @Test
    void everyProblemIsReportedAtOnceUnknownKeysIncluded() {
        ConfigReader r = new ConfigReader("stage.properties", Map.of("kafka.bootstrap.servers", "",
                "kafka.boostrap.servers", "typo:9092", "streams.num.stream.threads", "2",
                "streams.processing.guarantee", "at_least_once", "streams.application.id", "other"), Map.of());
        StageSettings.read(r, "app", -1);

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly(
                        "kafka.bootstrap.servers: required (or set SIEVE_KAFKA_BOOTSTRAP_SERVERS)",
                        "streams.processing.guarantee: Sieve stages always run exactly_once_v2 (nothing lost, nothing"
                                + " duplicated); remove the setting",
                        "streams.application.id: set application.id instead",
                        "kafka.boostrap.servers: unknown key (known: application.id, kafka.bootstrap.servers,"
                                + " kafka.instance-id, kafka.session-timeout-ms, metrics.port, policy.file, state.dir,"
                                + " streams.*)"))
                .hasMessageStartingWith("4 problems in stage.properties:\n  kafka.bootstrap.servers: required");
    }

    @Test
    void environmentOverridesTheFileAndExactlyOnceIsAlwaysOn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("enrich.properties"),
                "kafka.bootstrap.servers=file:9092\napplication.id=from-file\nstreams.num.stream.threads=2\n");
        ConfigReader r = ConfigReader.load(file, Map.of("SIEVE_KAFKA_BOOTSTRAP_SERVERS", "env:9092"));
        StageSettings s = StageSettings.read(r, "default-id", -1);
        r.finish();

        assertThat(s.bootstrapServers()).isEqualTo("env:9092");
        assertThat(s.applicationId()).isEqualTo("from-file");
        assertThat(s.streamsProperties()).containsEntry("processing.exception.handler.global.enabled", "true");
        assertThat(s.streamsProperties()).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("bootstrap.servers", "env:9092").containsEntry("num.stream.threads", "2");
    }

    @Test
    void theMainConsumerGetsTheStaticInstanceIdAndTheSessionTimeout() throws Exception {
        ConfigReader r = new ConfigReader("t", Map.of("kafka.bootstrap.servers", "k:9092", "kafka.instance-id",
                "enrich-1", "kafka.session-timeout-ms", "6000"), Map.of());
        StageSettings s = StageSettings.read(r, "sieve-enrich", -1);
        r.finish();

        assertThat(s.streamsProperties()).containsEntry("main.consumer.group.instance.id", "enrich-1")
                .containsEntry("main.consumer.session.timeout.ms", "6000")
                .containsEntry("main.consumer.heartbeat.interval.ms", "2000")
                .doesNotContainKey("group.instance.id").doesNotContainKey("consumer.group.instance.id");
    }

    @Test
    void streamsCommitsEveryHundredMillisecondsUnlessToldOtherwise() throws Exception {
        ConfigReader defaults = new ConfigReader("t", Map.of("kafka.bootstrap.servers", "k:9092"), Map.of());
        ConfigReader told = new ConfigReader("t", Map.of("kafka.bootstrap.servers", "k:9092",
                "streams.commit.interval.ms", "200"), Map.of());
        StageSettings byDefault = StageSettings.read(defaults, "sieve-enrich", -1);
        StageSettings configured = StageSettings.read(told, "sieve-enrich", -1);
        defaults.finish();
        told.finish();

        // What Kafka Streams itself reads: its exactly-once default (BENCHMARKS.md, "The Streams stages' commit
        // interval": 50 ms cost the broker more than it saved end to end), or the stage's setting.
        assertThat(new StreamsConfig(byDefault.streamsProperties()).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(100L);
        assertThat(new StreamsConfig(configured.streamsProperties())
                .getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(200L);
    }
}
