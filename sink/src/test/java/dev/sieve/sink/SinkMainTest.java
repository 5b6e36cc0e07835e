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
    void withoutAConfigurationItSaysHowToGiveOne() {
        assertThat(run(Map.of(), "run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                1 problem in the command line:
                  no configuration: pass --config FILE or set SIEVE_SINK_CONFIG
                """);
    }
}
