package dev.sieve.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SinkConfigLoaderTest {

    static final Set<String> REGIONS = Set.of("cn-north", "cn-east");

    static Properties props(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void readsAValidConfigurationWithSecretsFromTheEnvironment() throws Exception {
        SinkConfig c = SinkConfigLoader.load(props("""
                kafka.bootstrap.servers=kafka:9092
                kafka.client.security.protocol=SSL
                clickhouse.cluster=main
                clickhouse.region.cn-north.url=https://ch-north:8443
                clickhouse.region.cn-north.user=sieve_sink
                clickhouse.region.cn-north.password=${env:CH_NORTH_PASSWORD}
                batch.max.age.ms=1000
                """), Map.of("CH_NORTH_PASSWORD", "s3cret"), REGIONS);

        assertThat(c.groupId()).isEqualTo("sieve-sink");
        assertThat(c.kafkaClient()).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThat(c.regions().get("cn-north")).isEqualTo(new RegionEndpoint("https://ch-north:8443", "sieve_sink", "s3cret"));
        assertThat(c.schema().cluster()).contains("main");
        assertThat(c.thresholds().maxAge()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void reportsEveryBadKeyAtOnce() throws Exception {
        assertThatThrownBy(() -> SinkConfigLoader.load(props("""
                kafka.group.id=g
                clickhouse.database=bad-name
                clickhouse.region.eu-west.url=https://x
                clickhouse.region.cn-north.url=ftp://x
                clickhouse.region.cn-north.password=${env:MISSING}
                batch.max.rows=lots
                retry.initial.backoff.ms=5000
                retry.max.backoff.ms=100
                colour=blue
                """), Map.of(), REGIONS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        8 problems in the sink configuration:
                          kafka.bootstrap.servers: required
                          clickhouse.region.cn-north.password: environment variable MISSING is not set
                          colour: unknown key
                          clickhouse.region.cn-north.url: expected an http:// or https:// URL, got 'ftp://x'
                          clickhouse.region.eu-west.url: region 'eu-west' is not in the policy (regions: cn-east, cn-north)
                          clickhouse.database: 'bad-name' is not a plain ClickHouse identifier
                          batch.max.rows: expected a whole number, got 'lots'
                          retry.initial.backoff.ms: 5000 exceeds retry.max.backoff.ms 100""");
    }
}
