package dev.sieve.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import dev.sieve.testsupport.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicsCommandIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void createsEveryTopicOnceAndThenFindsNothingToChange() {
        CliRun first = CliRun.of("topics", "apply", "--bootstrap-servers", KAFKA.bootstrapServers(), "--partitions", "2");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("created sieve.raw.device", "created sieve.control.consent");

        CliRun second = CliRun.of("topics", "apply", "--bootstrap-servers", KAFKA.bootstrapServers(), "--partitions", "2");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo("every topic matches the policy\n");
    }
}
