package dev.sieve.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkMainTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Map<String, String> env, String... args) {
        return SinkMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheDdlWithoutConnectingOrNeedingKeys(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("sink.properties"), """
                kafka.bootstrap.servers=localhost:9092
                clickhouse.region.cn-north.url=http://localhost:8123
                """);

        assertThat(run(Map.of(), "ddl", "--config", config.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("CREATE DATABASE IF NOT EXISTS sieve;\n");
    }

    @Test
    void aBadConfigurationExitsWithEveryProblem(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("sink.properties"), "colour=blue\n");

        assertThat(run(Map.of(SinkMain.CONFIG_ENV, config.toString()), "run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                3 problems in %s:
                  kafka.bootstrap.servers: required (or set SIEVE_KAFKA_BOOTSTRAP_SERVERS)
                  clickhouse.region.<region>.url: at least one region needs a ClickHouse endpoint
                  colour: unknown key (known: batch.max-age-ms, batch.max-bytes, batch.max-rows, clickhouse.cluster, \
                clickhouse.database, clickhouse.timeout-ms, kafka.bootstrap.servers, kafka.group-id, keys.dir, \
                metrics.port, policy.file, retry.initial-backoff-ms, retry.max-attempts, retry.max-backoff-ms, \
                kafka.client.*, clickhouse.region.*)
                """.formatted(config));
    }

    @Test
    void withoutAConfigurationItSaysHowToGiveOne() {
        assertThat(run(Map.of(), "ddl")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                1 problem in the command line:
                  no configuration: pass --config FILE or set SIEVE_SINK_CONFIG
                """);
    }
}
