package dev.sieve.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SinkConfigLoaderTest {

    static final Set<String> REGIONS = Set.of("cn-north", "cn-east");

    static ConfigReader reader(String text, Map<String, String> env) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return new ConfigReader("sink.properties", values, env);
    }

    @Test
    void readsAValidConfigurationWithSecretsFromTheEnvironment() throws Exception {
        SinkConfig c = SinkConfigLoader.load(reader("""
                kafka.bootstrap.servers=kafka:9092
                kafka.client.security.protocol=SSL
                clickhouse.cluster=main
                clickhouse.region.cn-north.url=https://ch-north:8443
                clickhouse.region.cn-north.user=sieve_sink
                clickhouse.region.cn-north.password=${CH_NORTH_PASSWORD}
                batch.max-age-ms=1000
                """, Map.of("CH_NORTH_PASSWORD", "s3cret", "SIEVE_METRICS_PORT", "-1")), REGIONS);

        assertThat(c.groupId()).isEqualTo("sieve-sink");
        assertThat(c.kafkaClient()).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThat(c.regions().get("cn-north")).isEqualTo(new RegionEndpoint("https://ch-north:8443", "sieve_sink", "s3cret"));
        assertThat(c.schema().cluster()).contains("main");
        assertThat(c.thresholds().maxAge()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.metricsPort()).isEqualTo(-1);
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void metricsAreServedOnTheSinksOwnPortByDefault() throws Exception {
        SinkConfig c = SinkConfigLoader.load(reader("""
                kafka.bootstrap.servers=kafka:9092
                clickhouse.region.cn-north.url=https://ch-north:8443
                """, Map.of()), REGIONS);

        assertThat(c.metricsPort()).isEqualTo(9403);
        assertThat(c.maxInsertsInFlight()).isEqualTo(4);
        assertThat(c.scanInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theScheduledScanTakesADurationAndZeroOrOffTurnsItOff() throws Exception {
        String base = """
                kafka.bootstrap.servers=kafka:9092
                clickhouse.region.cn-north.url=https://ch-north:8443
                """;
        assertThat(SinkConfigLoader.load(reader(base + "scan.interval=30m", Map.of()), REGIONS).scanInterval())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(SinkConfigLoader.load(reader(base + "scan.interval=PT6H", Map.of()), REGIONS).scanInterval())
                .isEqualTo(Duration.ofHours(6));
        assertThat(SinkConfigLoader.load(reader(base + "scan.interval=0", Map.of()), REGIONS).scanInterval())
                .isZero();
        assertThat(SinkConfigLoader.load(reader(base, Map.of("SIEVE_SCAN_INTERVAL", "off")), REGIONS)
                .scanInterval()).isZero();
    }

    @Test
    void reportsEveryBadKeyAtOnce() throws Exception {
        assertThatThrownBy(() -> SinkConfigLoader.load(reader("""
                kafka.group-id=g
                clickhouse.database=bad-name
                clickhouse.region.eu-west.url=https://x
                clickhouse.region.cn-north.url=ftp://x
                clickhouse.region.cn-north.password=${MISSING}
                clickhouse.region.cn-north.port=8443
                batch.max-rows=lots
                clickhouse.max-inserts-in-flight=0
                retry.initial-backoff-ms=5000
                retry.max-backoff-ms=100
                scan.interval=500ms
                colour=blue
                """, Map.of()), REGIONS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        11 problems in sink.properties:
                          kafka.bootstrap.servers: required (or set SIEVE_KAFKA_BOOTSTRAP_SERVERS)
                          clickhouse.region.cn-north.password: environment variable MISSING is not set
                          clickhouse.region.cn-north.port: unknown key; regions are configured as \
                        clickhouse.region.<region>.url, .user and .password
                          clickhouse.region.cn-north.url: expected an http:// or https:// URL, got 'ftp://x'
                          clickhouse.region.eu-west.url: region 'eu-west' is not in the policy (regions: cn-east, cn-north)
                          clickhouse.database: 'bad-name' is not a plain ClickHouse identifier
                          batch.max-rows: 'lots' is not a whole number
                          retry.initial-backoff-ms: 5000 exceeds retry.max-backoff-ms 100
                          clickhouse.max-inserts-in-flight: must be between 1 and 64
                          scan.interval: must be at least 1s, or 0 or off to turn the scan off, got '500ms'
                          colour: unknown key (known: batch.max-age-ms, batch.max-bytes, batch.max-rows, \
                        clickhouse.cluster, clickhouse.database, clickhouse.max-inserts-in-flight, clickhouse.timeout-ms, kafka.bootstrap.servers, \
                        kafka.group-id, kafka.instance-id, kafka.session-timeout-ms, keys.dir, metrics.port, \
                        retry.initial-backoff-ms, retry.max-attempts, retry.max-backoff-ms, scan.interval, kafka.client.*, \
                        clickhouse.region.*)""");
    }
}
