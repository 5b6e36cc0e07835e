package dev.sieve.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.streams.StageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessAppTest {

    @TempDir
    Path dir;

    @Test
    void readsBothStagesKeysUnderOneApplication() throws Exception {
        ProcessApp.Settings settings = ProcessApp.Settings.read(new ConfigReader("test", Map.of(
                "kafka.bootstrap.servers", "kafka:9092", "dedup.window", "2h", "clock.max-future-skew", "1m",
                "keys.dir", dir.toString(), "pseudonym.overlap", "3h"), Map.of()));

        assertThat(settings.stage().applicationId()).isEqualTo("sieve-process");
        assertThat(settings.stage().metricsPort()).isEqualTo(ProcessApp.DEFAULT_METRICS_PORT);
        assertThat(settings.enrich().stage()).isSameAs(settings.anonymize().stage());
        assertThat(settings.enrich().dedupWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.enrich().maxFutureSkew()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.anonymize().keysDir()).contains(dir);
        assertThat(settings.anonymize().overlap()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void reportsEveryStagesProblemsAndUnknownKeysAtOnce() {
        assertThatThrownBy(() -> ProcessApp.Settings.read(new ConfigReader("process.properties", Map.of(
                "kafka.bootstrap.servers", "kafka:9092", "dedup.window", "0s", "pseudonym.overlap", "soon",
                "key.dir", "/keys"), Map.of())))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "dedup.window: must be positive: it is how long a retried event is recognized",
                        "pseudonym.overlap: 'soon' is not a duration (e.g. 500ms, 30s, 5m, 12h, 7d or PT5M)",
                        "key.dir: unknown key (known: " + known() + ")"));
    }

    @Test
    void ofPutsEachStagesOwnSettingsUnderTheApplicationsCommonOnes() throws Exception {
        EnrichApp.Settings enrich = EnrichApp.Settings.read(new ConfigReader("enrich", Map.of(
                "kafka.bootstrap.servers", "kafka:9092", "dedup.window", "2h"), Map.of()));
        AnonymizeApp.Settings anonymize = AnonymizeApp.Settings.read(new ConfigReader("anonymize", Map.of(
                "kafka.bootstrap.servers", "kafka:9092", "pseudonym.overlap", "3h"), Map.of()));
        StageSettings common = anonymize.stage().withApplicationId(ProcessApp.DEFAULT_APPLICATION_ID);

        ProcessApp.Settings settings = ProcessApp.Settings.of(common, enrich, anonymize);

        assertThat(settings.stage()).isEqualTo(common);
        assertThat(settings.anonymize().stage()).isEqualTo(common);
        assertThat(settings.stage().applicationId()).isEqualTo("sieve-process");
        assertThat(settings.enrich().dedupWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.anonymize().overlap()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void runsTwoStreamThreadsUnlessToldOtherwise() throws Exception {
        ProcessApp.Settings defaults = ProcessApp.Settings.read(new ConfigReader("test", Map.of(
                "kafka.bootstrap.servers", "kafka:9092"), Map.of()));
        ProcessApp.Settings one = ProcessApp.Settings.read(new ConfigReader("test", Map.of(
                "kafka.bootstrap.servers", "kafka:9092", "streams.num.stream.threads", "1"), Map.of()));

        assertThat(ProcessApp.streamsProperties(defaults.stage()).getProperty("num.stream.threads")).isEqualTo("2");
        assertThat(ProcessApp.streamsProperties(one.stage()).getProperty("num.stream.threads")).isEqualTo("1");
        assertThat(ProcessApp.streamsProperties(defaults.stage()).getProperty("processing.guarantee"))
                .isEqualTo("exactly_once_v2");
    }

    /** The keys the process reads, as the reader lists them: sorted, then the pass-through prefix. */
    private static String known() {
        return String.join(", ", "application.id", "clock.max-future-skew", "dedup.window", "geo.database",
                "geo.ranges", "kafka.bootstrap.servers", "kafka.instance-id", "kafka.session-timeout-ms", "keys.dir",
                "metrics.port", "policy.file", "pseudonym.overlap", "state.dir", "streams.*");
    }
}
