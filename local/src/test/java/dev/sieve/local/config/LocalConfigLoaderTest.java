package dev.sieve.local.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.local.demo.DemoSettings;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalConfigLoaderTest {

    @Test
    void nothingConfiguredRunsEverythingEmbeddedWithTheDefaults() throws ConfigException {
        LocalConfig c = read(Map.of(), Map.of());

        assertThat(c.kafkaBootstrapServers()).isEmpty();
        assertThat(c.clickHouse()).isEmpty();
        assertThat(c.clickHouseHttpPort()).isEqualTo(8123);
        assertThat(c.collectorHost()).isEqualTo("127.0.0.1");
        assertThat(c.collectorPort()).isEqualTo(8080);
        assertThat(c.metricsPort()).isEqualTo(9400);
        assertThat(c.partitions()).isEqualTo(1);
        assertThat(c.demo()).isEqualTo(new DemoSettings(true, 200, 50, 42));
        assertThat(c.duration()).isEmpty();
    }

    @Test
    void readsAConfiguredKafkaAndClickHouseWithThePasswordFromTheEnvironment() throws ConfigException {
        LocalConfig c = read(Map.of("kafka.bootstrap.servers", "kafka:9092", "kafka.client.security.protocol", "SSL",
                "clickhouse.url", "https://ch:8443", "clickhouse.user", "sink", "clickhouse.password", "${CH_PW}",
                "run.duration", "90s"), Map.of("CH_PW", "secret"));

        assertThat(c.kafkaBootstrapServers()).hasValue("kafka:9092");
        assertThat(c.kafkaClient()).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThat(c.clickHouse()).hasValueSatisfying(ch -> {
            assertThat(ch.url()).isEqualTo("https://ch:8443");
            assertThat(ch.password()).isEqualTo("secret");
        });
        assertThat(c.toString()).doesNotContain("secret", "SSL");
        assertThat(c.duration()).hasValue(Duration.ofSeconds(90));
    }

    @Test
    void flagsArriveAsOverridesAndWinOverTheFile() throws ConfigException {
        LocalConfig c = read(Map.of("demo.events-per-second", "10"), Map.of("SIEVE_DEMO_EVENTS_PER_SECOND", "200",
                "SIEVE_DEMO_ENABLED", "false"));

        assertThat(c.demo().eventsPerSecond()).isEqualTo(200);
        assertThat(c.demo().enabled()).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> read(Map.of("demo.rate", "5", "demo.devices", "0", "demo.enabled", "yes",
                "clickhouse.password", "x", "kafka.client.security.protocol", "SSL", "run.duration", "soon",
                "collector.port", "99999"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "kafka.client.* and kafka.bootstrap.servers: client settings are for a configured Kafka;"
                                + " the in-process broker takes none",
                        "clickhouse.password: set without clickhouse.url (the embedded engine has no users)",
                        "collector.port: must be between 0 and 65535",
                        "demo.enabled: expected true or false",
                        "demo.devices: must be between 1 and 100000",
                        "run.duration: 'soon' is not a duration (e.g. 500ms, 30s, 5m, 12h, 7d or PT5M)",
                        "demo.rate: unknown key (known: " + knownKeys() + ")"));
    }

    @Test
    void theEmbeddedEnginesPortDoesNotGoWithAConfiguredClickHouse() {
        assertThatThrownBy(() -> read(Map.of("clickhouse.url", "http://ch:8123", "clickhouse.http-port", "9000"),
                Map.of())).hasMessageContaining("clickhouse.http-port and clickhouse.url: the HTTP port is the"
                        + " embedded engine's");
    }

    @Test
    void aDurationMustBePositive() {
        assertThatThrownBy(() -> read(Map.of("run.duration", "0s"), Map.of()))
                .hasMessageContaining("run.duration: must be positive");
    }

    private static String knownKeys() {
        try {
            read(Map.of("zzz", "1"), Map.of());
        } catch (ConfigException e) {
            String p = e.problems().get(0);
            return p.substring(p.indexOf("(known: ") + 8, p.length() - 1);
        }
        throw new AssertionError("unknown key accepted");
    }

    private static LocalConfig read(Map<String, String> file, Map<String, String> env) throws ConfigException {
        return LocalConfigLoader.read(new ConfigReader("local.properties", file, env));
    }
}
