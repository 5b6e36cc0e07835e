package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @Test
    void withoutAConfigurationItExitsTwoAndSaysWhatToPass() {
        CliRun run = CliRun.of("audit");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no configuration: pass --config FILE or set SIEVE_SINK_CONFIG");
    }

    @Test
    void aBrokenConfigurationExitsTwoNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("sink.properties"), "kafka.bootstrap.servers=localhost:1\n"
                + "clickhouse.region.cn-north.url=http://localhost:1\nclickhouse.regoin.cn-east.url=x\n");

        CliRun run = CliRun.of("audit", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("clickhouse.regoin.cn-east.url");
    }

    @Test
    void badOptionsExitTwo() {
        CliRun format = CliRun.of("audit", "--format", "yaml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).startsWith("Invalid value for option '--format': expected text or json, got 'yaml'\n");

        CliRun partitions = CliRun.of("audit", "--partitions", "0");
        assertThat(partitions.exitCode()).isEqualTo(2);
        assertThat(partitions.err()).startsWith("--partitions must be at least 1\n");
    }

    @Test
    void helpListsTheOptions() {
        CliRun run = CliRun.of("audit", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--config=FILE", "--format=text|json", "--partitions=N");
    }

    @Test
    void partitionsDefaultToWhatTopicsApplyCreates() {
        assertThat(CliRun.of("topics", "apply").err()).contains("Partitions of new topics (default "
                + AuditCommand.DEFAULT_PARTITIONS + ").");
    }
}
