package dev.sieve.cli.sunset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import org.junit.jupiter.api.Test;

/** Option checks of {@code sieve sunset}: exact messages, exit 2, before any configuration or ClickHouse is touched. */
class SunsetCommandTest {

    @Test
    void exactlyOneOfDeleteAndAnonymize() {
        CliRun none = CliRun.of("sunset", "notes", "--by", "dpo@example", "--reason", "closed");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("Error: Missing required argument (specify one of these):"
                + " (--delete | --anonymize)\n");

        CliRun both = CliRun.of("sunset", "notes", "--delete", "--anonymize", "--by", "dpo@example", "--reason",
                "closed");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("Error: --delete, --anonymize are mutually exclusive (specify only one)\n");
    }

    @Test
    void theAppWhoAndWhyAreRequired() {
        CliRun app = CliRun.of("sunset", "--delete", "--by", "dpo@example", "--reason", "closed");
        assertThat(app.exitCode()).isEqualTo(2);
        assertThat(app.err()).startsWith("Missing required parameter: 'APP'\n");

        CliRun by = CliRun.of("sunset", "notes", "--delete", "--reason", "closed");
        assertThat(by.exitCode()).isEqualTo(2);
        assertThat(by.err()).startsWith("Missing required option: '--by=WHO'\n");
    }

    @Test
    void blankValuesAreRefused() {
        CliRun by = CliRun.of("sunset", "notes", "--anonymize", "--by", " ", "--reason", "closed");
        assertThat(by.exitCode()).isEqualTo(2);
        assertThat(by.err()).startsWith("--by must not be blank\n");

        CliRun app = CliRun.of("sunset", "", "--delete", "--by", "dpo@example", "--reason", "closed");
        assertThat(app.exitCode()).isEqualTo(2);
        assertThat(app.err()).startsWith("APP must not be blank\n");
    }

    @Test
    void helpListsTheOptions() {
        CliRun run = CliRun.of("sunset", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: sieve sunset ").contains("--anonymize", "--delete", "--dry-run");
    }
}
