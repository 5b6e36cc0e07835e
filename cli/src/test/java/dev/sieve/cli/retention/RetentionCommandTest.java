package dev.sieve.cli.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retention set} refuses bad input before it connects to anything (the configured Kafka is unreachable). */
class RetentionCommandTest {

    @TempDir
    Path dir;
    String config;

    @BeforeEach
    void config() throws Exception {
        config = OpsConfig.write(dir);
    }

    CliRun set(String table, String retention, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"retention", "set", table, retention, "--config", config}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        return CliRun.of(args);
    }

    @Test
    void anUnknownTableIsRefusedWithTheSinksOwnMessage() {
        CliRun run = set("security_devices", "10d", "--by", "ops@example", "--reason", "audit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("the policy defines no table security_devices\n");
    }

    @Test
    void aRetentionAboveThePolicyMaximumIsRefused() {
        CliRun run = set("analytics_device", "400d", "--by", "ops@example", "--reason", "audit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("retention of analytics_device cannot be 400d: the policy's max_retention"
                + " is 395d\n");
    }

    @Test
    void aZeroRetentionIsRefused() {
        CliRun run = set("security_device", "0d", "--by", "ops@example", "--reason", "audit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("retention of security_device must be at least 1 day, got 0\n");
    }

    @Test
    void onlyWholeDaysAreARetention() {
        for (String bad : new String[] {"12h", "ten", "10", "10 d", "9999999999d"}) {
            CliRun run = set("security_device", bad, "--by", "ops@example", "--reason", "audit");

            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).isEqualTo("'" + bad + "' is not a retention in days: write e.g. 30d (the sink"
                    + " changes a table's retention in whole days)\n");
        }
    }

    @Test
    void whoAndWhyAreRequiredAndNotBlank() {
        CliRun missing = set("security_device", "10d", "--reason", "audit");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Missing required option: '--by=WHO'\n");

        CliRun blank = set("security_device", "10d", "--by", "ops@example", "--reason", " ");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).isEqualTo("--reason must say why the retention changes\n");
    }

    @Test
    void aBadTimeoutIsRefused() {
        CliRun run = set("security_device", "10d", "--by", "ops@example", "--reason", "audit", "--wait",
                "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--timeout': 'soon' is not a duration: write e.g."
                + " 90s, 5m or 1h\n");
    }

    @Test
    void theTableAndTheDurationAreBothNeeded() {
        CliRun run = CliRun.of("retention", "set", "security_device", "--by", "a", "--reason", "b", "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required parameter: 'DURATION'\n");
    }
}
