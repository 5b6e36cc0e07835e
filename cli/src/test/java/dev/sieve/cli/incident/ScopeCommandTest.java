package dev.sieve.cli.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code incident scope} checks before it connects to anything (the configured ClickHouse is unreachable). */
class ScopeCommandTest {

    @TempDir
    Path dir;

    private CliRun scope(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        all[0] = "incident";
        all[1] = "scope";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--config";
        all[args.length + 3] = OpsConfig.write(dir);
        return CliRun.of(all);
    }

    @Test
    void theWindowMustEndAfterItStarts() throws Exception {
        CliRun run = scope("--table", "analytics_device", "--from", "2026-12-02T00:00:00Z", "--to",
                "2026-12-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--from must be before --to\n");
    }

    @Test
    void anUnknownTableOrPurposeIsNamed() throws Exception {
        CliRun table = scope("--table", "nope", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z");
        CliRun purpose = scope("--purpose", "nope", "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z");

        assertThat(table.exitCode()).isEqualTo(2);
        assertThat(table.err()).startsWith("the policy defines no table nope\n");
        assertThat(purpose.exitCode()).isEqualTo(2);
        assertThat(purpose.err()).startsWith("the policy defines no purpose nope\n");
    }

    @Test
    void aTableOrAPurposeIsRequiredButNotBoth() throws Exception {
        CliRun both = scope("--table", "analytics_device", "--purpose", "analytics", "--from",
                "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("Error: --table=TABLE, --purpose=PURPOSE are mutually exclusive");
    }
}
