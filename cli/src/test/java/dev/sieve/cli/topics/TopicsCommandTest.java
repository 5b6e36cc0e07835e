package dev.sieve.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import org.junit.jupiter.api.Test;

class TopicsCommandTest {

    @Test
    void theBootstrapServersAreRequired() {
        CliRun run = CliRun.of("topics", "apply");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required option: '--bootstrap-servers=HOST:PORT'\n");
    }

    @Test
    void partitionsMustBeAPositiveWholeNumber() {
        CliRun words = CliRun.of("topics", "apply", "--bootstrap-servers", "localhost:1", "--partitions", "zero");
        assertThat(words.exitCode()).isEqualTo(2);
        assertThat(words.err()).startsWith("Invalid value for option '--partitions': 'zero' is not an int\n");

        CliRun zero = CliRun.of("topics", "apply", "--bootstrap-servers", "localhost:1", "--partitions", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).startsWith("--partitions must be between 1 and 32767\n");
    }

    @Test
    void anythingButApplyIsBadUsage() {
        assertThat(CliRun.of("topics").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("topics", "delete").exitCode()).isEqualTo(2);
    }
}
