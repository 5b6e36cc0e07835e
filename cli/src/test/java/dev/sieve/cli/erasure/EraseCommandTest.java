package dev.sieve.cli.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code erase} refuses bad input before it connects, and never repeats an identifier in its messages. */
class EraseCommandTest {

    @TempDir
    Path dir;
    String config;

    @BeforeEach
    void config() throws Exception {
        config = OpsConfig.write(dir);
    }

    @Test
    void aSubjectOrADeviceIsRequired() {
        CliRun run = CliRun.of("erase", "--by", "dpo@example", "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Error: Missing required argument (specify one of these):"
                + " (--subject=S | --device=D)\nUsage: sieve erase ");
    }

    @Test
    void notBoth() {
        CliRun run = CliRun.of("erase", "--subject", "alice-subject", "--device", "alice-device", "--by", "dpo",
                "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Error: --subject=S, --device=D are mutually exclusive (specify only one)\n")
                .doesNotContain("alice");
    }

    @Test
    void whoFilesItIsRequired() {
        CliRun run = CliRun.of("erase", "--subject", "alice-subject", "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required option: '--by=WHO'\n");
    }

    @Test
    void aBlankSubjectIsRefused() {
        CliRun run = CliRun.of("erase", "--subject", "", "--by", "dpo", "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--subject must not be blank\n");
    }

    @Test
    void aRequestIdThatCouldBeAnIdentifierIsRefusedWithoutRepeatingIt() {
        CliRun run = CliRun.of("erase", "--subject", "alice-subject", "--by", "dpo", "--id", "alice@example.com",
                "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                + " letter or digit\n");
    }

    @Test
    void aStrayArgumentIsReportedWithoutItsValue() {
        CliRun run = CliRun.of("erase", "--subject", "alice-subject", "bob-subject", "--by", "dpo", "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("1 unexpected argument (not shown: it may be an identifier)\n")
                .doesNotContain("bob");
    }

    @Test
    void statusNeedsARequestIdAndChecksItsForm() {
        CliRun missing = CliRun.of("erase", "status", "--config", config);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Missing required parameter: 'REQUEST_ID'\n");

        CliRun bad = CliRun.of("erase", "status", "carol@example.com", "--config", config);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("REQUEST_ID is not a request id: 1 to 64 letters, digits, '.', '_' or '-'\n")
                .doesNotContain("carol");
    }

    @Test
    void statusTakesTheConfigurationGivenBeforeIt() {
        CliRun run = CliRun.of("erase", "--config", config, "status", "req-1");

        // it got as far as asking the (unreachable) ClickHouse of the configured region
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("ClickHouse unreachable: ");
    }
}
