package dev.sieve.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopicsToolTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void everyBadOptionIsReportedWithTheUsage() {
        assertThat(run("apply", "--partitions", "zero", "--replicas", "3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                unknown option --replicas
                --bootstrap-servers is required
                --partitions must be a whole number, not 'zero'
                """ + TopicsTool.USAGE + "\n");
    }

    @Test
    void anythingButApplyIsBadUsage() {
        assertThat(run("delete")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("apply", "--bootstrap-servers")).isEqualTo(2);
    }

    private int run(String... args) {
        return TopicsTool.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
