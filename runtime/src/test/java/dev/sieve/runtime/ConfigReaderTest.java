package dev.sieve.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

    @Test
    void everyProblemIsReportedAtOnceUnknownKeysLast() {
        ConfigReader r = new ConfigReader("stage.properties", Map.of("kafka.bootstrap.servers", "",
                "clock.skew", "5 minutes", "http.port", "http", "batch.max-rows", "0", "kafka.bootstarp.servers",
                "typo:9092", "kafka.client.acks", "all"), Map.of());
        r.required("kafka.bootstrap.servers");
        r.duration("clock.skew", Duration.ZERO);
        r.integer("http.port", 8080, 0, 65535);
        r.integer("batch.max-rows", 100, 1, Integer.MAX_VALUE);
        r.withPrefix("kafka.client.");
        r.problem("a and b", "set one, not both");

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly(
                        "kafka.bootstrap.servers: required (or set SIEVE_KAFKA_BOOTSTRAP_SERVERS)",
                        "clock.skew: '5 minutes' is not a duration (e.g. 500ms, 30s, 5m, 12h, 7d or PT5M)",
                        "http.port: 'http' is not a whole number",
                        "batch.max-rows: must be at least 1",
                        "a and b: set one, not both",
                        "kafka.bootstarp.servers: unknown key (known: batch.max-rows, clock.skew, http.port,"
                                + " kafka.bootstrap.servers, kafka.client.*)"))
                .hasMessageStartingWith("6 problems in stage.properties:\n  kafka.bootstrap.servers: required");
    }

    @Test
    void numbersAreCheckedAgainstTheirRange() {
        ConfigReader r = new ConfigReader("t", Map.of("a", "70000", "b", "3000000000", "c", "-5", "d", "12"),
                Map.of());
        assertThat(r.integer("a", 1, 0, 65535)).isEqualTo(1);
        assertThat(r.integer("b", 1, 1, Integer.MAX_VALUE)).isEqualTo(1);
        assertThat(r.longValue("c", 2, 0, Long.MAX_VALUE)).isEqualTo(2);
        assertThat(r.longValue("d", 2, 0, Long.MAX_VALUE)).isEqualTo(12);
        assertThat(r.integer("e", 7, 0, 10)).isEqualTo(7);

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly("a: must be between 0 and 65535", "b: must be between 1 and 2147483647",
                        "c: must be at least 0"));
    }

    @Test
    void environmentVariablesOverrideKeysReadByName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("stage.properties"),
                "kafka.bootstrap.servers=file:9092\napplication.id=from-file\nlimits.max-body-bytes=10\n");
        ConfigReader r = ConfigReader.load(file, Map.of("SIEVE_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "SIEVE_LIMITS_MAX_BODY_BYTES", "20", "SIEVE_METRICS_PORT", "9999"));

        assertThat(r.required("kafka.bootstrap.servers")).isEqualTo("env:9092");
        assertThat(r.string("application.id", "default")).isEqualTo("from-file");
        assertThat(r.integer("limits.max-body-bytes", 1, 1, Integer.MAX_VALUE)).isEqualTo(20);
        assertThat(r.integer("metrics.port", 1, -1, 65535)).isEqualTo(9999);
        r.finish();
    }

    @Test
    void valuesReferToEnvironmentVariablesAndAnUnsetOneNamesKeyAndVariableOnly() {
        ConfigReader r = new ConfigReader("t", Map.of("password", "${PW}", "url", "https://${HOST}:8443",
                "missing", "${UNSET_1}-${UNSET_2}", "kafka.client.sasl.jaas.config", "${JAAS}",
                "kafka.client.security.protocol", "SSL", "kafka.client.ssl.key.password", "${UNSET_3}"),
                Map.of("PW", "s3cret", "HOST", "ch", "JAAS", "jaas-secret"));

        assertThat(r.required("password")).isEqualTo("s3cret");
        assertThat(r.required("url")).isEqualTo("https://ch:8443");
        assertThat(r.required("missing")).isEmpty();
        assertThat(r.isSet("missing")).isTrue();
        assertThat(r.withPrefix("kafka.client.")).containsExactly(Map.entry("sasl.jaas.config", "jaas-secret"),
                Map.entry("security.protocol", "SSL"));

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).containsExactly("missing: environment variable UNSET_1 is not set",
                    "missing: environment variable UNSET_2 is not set",
                    "kafka.client.ssl.key.password: environment variable UNSET_3 is not set");
            assertThat(e.getMessage()).doesNotContain("s3cret", "jaas-secret");
        });
    }

    @Test
    void keysUnderAPrefixCountAsReadAndTheBarePrefixIsAProblem() {
        ConfigReader r = new ConfigReader("t", Map.of("apps.notes.api-key", "k", "apps.", "x", "other", "y"),
                Map.of());
        assertThat(r.keysUnder("apps.")).containsExactly("apps.notes.api-key");

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly("apps.: names no setting", "other: unknown key (known: apps.*)"));
    }

    @Test
    void pathsThatMustExistAreChecked(@TempDir Path dir) {
        ConfigReader r = new ConfigReader("t", Map.of("a", dir.toString(), "b", dir.resolve("nope").toString()),
                Map.of());
        assertThat(r.path("a", true)).contains(dir);
        assertThat(r.path("b", true)).contains(dir.resolve("nope"));
        assertThat(r.path("c", true)).isEmpty();

        assertThatThrownBy(r::finish).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .containsExactly("b: cannot read " + dir.resolve("nope")));
    }

    @Test
    void durationsTakeUnitsOrIso() {
        ConfigReader r = new ConfigReader("t", Map.of("a", "250ms", "b", "7d", "c", "PT1H30M"), Map.of());
        assertThat(r.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(r.duration("b", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
        assertThat(r.duration("c", Duration.ZERO)).isEqualTo(Duration.ofMinutes(90));
        assertThat(r.duration("d", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anUnreadableFileIsOneProblem(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigReader.load(dir.resolve("nope.properties"), Map.of()))
                .hasMessage("1 problem in " + dir.resolve("nope.properties") + ":\n  cannot read (NoSuchFileException)");
    }

    @Test
    void withoutAFileSettingsComeFromTheEnvironment() throws Exception {
        ConfigReader r = ConfigReader.load(null, Map.of("SIEVE_STATE_DIR", "/var/lib/sieve"));
        assertThat(r.string("state.dir", "/tmp")).isEqualTo("/var/lib/sieve");
        assertThatThrownBy(() -> {
            r.required("kafka.bootstrap.servers");
            r.finish();
        }).hasMessage("1 problem in the environment:\n  kafka.bootstrap.servers: required (or set"
                + " SIEVE_KAFKA_BOOTSTRAP_SERVERS)");
    }
}
