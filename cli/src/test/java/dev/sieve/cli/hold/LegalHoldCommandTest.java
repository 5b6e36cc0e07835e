package dev.sieve.cli.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.cli.operate.OpsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegalHoldCommandTest {

    @TempDir
    Path dir;
    String config;

    @BeforeEach
    void config() throws Exception {
        config = OpsConfig.write(dir);
    }

    @Test
    void addNeedsIdSubjectWhoAndWhy() {
        CliRun noSubject = CliRun.of("legal-hold", "add", "--id", "case-7", "--by", "legal", "--reason", "court order",
                "--config", config);
        assertThat(noSubject.exitCode()).isEqualTo(2);
        assertThat(noSubject.err()).startsWith("Error: Missing required argument (specify one of these):"
                + " (--subject=S | --device=D)\n");

        CliRun noReason = CliRun.of("legal-hold", "add", "--id", "case-7", "--device", "d-1", "--by", "legal",
                "--config", config);
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).startsWith("Missing required option: '--reason=WHY'\n");
    }

    @Test
    void blankTextIsRefusedBeforeAnythingIsTouched() {
        CliRun run = CliRun.of("legal-hold", "add", "--id", "case-7", "--subject", "s-1", "--by", "legal",
                "--reason", "", "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--reason must give the legal ground\n");
    }

    @Test
    void removeTakesNoSubject() {
        CliRun run = CliRun.of("legal-hold", "remove", "--id", "case-7", "--subject", "s-1", "--by", "legal",
                "--reason", "closed", "--config", config);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("unknown option '--subject'; 1 unexpected argument (not shown: it may be an"
                + " identifier)\n").doesNotContain("s-1");
    }
}
