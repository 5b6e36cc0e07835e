package dev.sieve.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

    @Test
    void everyProblemIsReportedAtOnceUnknownKeysIncluded() {
        ConfigReader r = new ConfigReader("stage.properties", Map.of("bootstrap.servers", "", "clock.skew", "5 minutes",
                "boostrap.servers", "typo:9092", "streams.num.stream.threads", "2", "streams.processing.guarantee",
                "at_least_once"));
        StageSettings.read(r, "app", -1);
        r.duration("clock.skew", Duration.ZERO);

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly(
                        "bootstrap.servers: required (or set SIEVE_BOOTSTRAP_SERVERS)",
                        "streams.processing.guarantee: Sieve stages always run exactly_once_v2 (nothing lost, nothing"
                                + " duplicated); remove the setting",
                        "clock.skew: '5 minutes' is not a duration (e.g. 500ms, 30s, 5m, 12h, 7d or PT5M)",
                        "boostrap.servers: unknown setting (known: application.id, bootstrap.servers, clock.skew,"
                                + " metrics.port, policy.file, state.dir, streams.*)"))
                .hasMessageStartingWith("4 problems in stage.properties:\n  bootstrap.servers: required");
    }

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("enrich.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\napplication.id=from-file\n");
        ConfigReader r = ConfigReader.load(file, Map.of("SIEVE_BOOTSTRAP_SERVERS", "env:9092"),
                Set.of("bootstrap.servers", "application.id"));
        StageSettings s = StageSettings.read(r, "default-id", -1);
        r.finish();

        assertThat(s.bootstrapServers()).isEqualTo("env:9092");
        assertThat(s.applicationId()).isEqualTo("from-file");
        assertThat(s.streamsProperties()).containsEntry("processing.guarantee", "exactly_once_v2");
    }

    @Test
    void durationsTakeUnitsOrIso() {
        ConfigReader r = new ConfigReader("t", Map.of("a", "250ms", "b", "7d", "c", "PT1H30M"));
        assertThat(r.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(r.duration("b", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
        assertThat(r.duration("c", Duration.ZERO)).isEqualTo(Duration.ofMinutes(90));
        assertThat(r.duration("d", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }
}
