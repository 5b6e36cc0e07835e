package dev.sieve.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.fixture.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkMainTest {

    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Map<String, String> env, String... args) {
        return SinkMain.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void operatorCommandsAreTheCommandLinesNotTheSinks() {
        assertThat(run(Map.of(), "ddl", "--config", "sink.properties")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("unknown command 'ddl'; usage: sieve-sink run"
                + " [--config FILE] (operator commands: the sieve command line, ./sieve --help)\n");
    }

    @Test
    void runTakesOnlyTheConfigurationOption() {
        assertThat(run(Map.of(), "run", "--subject", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("expected --config FILE, got '--subject'\n");
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
                clickhouse.database, clickhouse.max-inserts-in-flight, clickhouse.timeout-ms, kafka.bootstrap.servers, kafka.group-id, \
                kafka.instance-id, kafka.session-timeout-ms, keys.dir, metrics.port, policy.file, retry.initial-backoff-ms, retry.max-attempts, retry.max-backoff-ms, scan.interval, \
                kafka.client.*, clickhouse.region.*)
                """.formatted(config));
    }

    @Test
    void aSinkThatCannotStartSaysWhyInOneLineWithoutItsSecrets(@TempDir Path dir) throws Exception {
        Path keys = TestKeys.writeDir(dir.resolve("keys"), PolicyLoader.loadDefault());
        // Nothing listens on port 1: the migration at start fails, as it does when a region's ClickHouse is down.
        Path config = Files.writeString(dir.resolve("sink.properties"), """
                kafka.bootstrap.servers=localhost:1
                clickhouse.region.cn-north.url=http://localhost:1
                clickhouse.region.cn-north.user=sieve_sink
                clickhouse.region.cn-north.password=s3cret-sink-password
                metrics.port=0
                keys.dir=%s
                """.formatted(keys));

        assertThat(run(Map.of(SinkMain.CONFIG_ENV, config.toString()), "run")).isEqualTo(2);
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said).startsWith("the sink cannot bring the ClickHouse of region cn-north to the policy: ")
                .endsWith("\n").doesNotContain("s3cret-sink-password").doesNotContain("\tat ");
        assertThat(said.lines()).hasSize(1);
    }

    @Test
    void withoutAConfigurationItSaysHowToGiveOne() {
        assertThat(run(Map.of(), "run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                1 problem in the command line:
                  no configuration: pass --config FILE or set SIEVE_SINK_CONFIG
                """);
    }
}
