package dev.sieve.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void neverOverwritesAFile() throws Exception {
        Path existing = Files.writeString(dir.resolve("export.jsonl"), "earlier export\n");

        CliRun run = CliRun.of("export", "--subject", "alice-subject", "--out", existing.toString(), "--config",
                OpsConfig.write(dir));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(existing + " exists: an export never overwrites a file\n");
        assertThat(Files.readString(existing)).isEqualTo("earlier export\n");
    }

    @Test
    void aSubjectOrADeviceIsRequiredButNotBoth() throws Exception {
        CliRun none = CliRun.of("export", "--config", OpsConfig.write(dir));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("Error: Missing required argument (specify one of these):"
                + " (--subject=S | --device=D)\n");

        CliRun both = CliRun.of("export", "--subject", "a", "--device", "b", "--config", OpsConfig.write(dir));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("Error: --subject=S, --device=D are mutually exclusive (specify only one)\n");
    }
}
