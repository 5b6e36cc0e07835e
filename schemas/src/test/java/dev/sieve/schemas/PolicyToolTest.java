package dev.sieve.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void validatesTheDefaultPolicy() {
        assertThat(run("validate")).isZero();
        assertThat(out()).isEqualTo("sieve-policy.yaml: policy version 1 is valid: 10 purposes, 26 tables, 2 regions\n");
    }

    @Test
    void brokenPolicyExitsOneWithEveryProblem() {
        assertThat(run("validate", "src/test/resources/policy/broken-policy.yaml")).isEqualTo(1);
        assertThat(err()).startsWith("15 problems in the policy:\n  broken-policy.yaml:9:12: topics.purpose:");
    }

    @Test
    void rendersTheInventoryToAFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("inventory.md");
        assertThat(run("render", "--out", target.toString())).isZero();
        assertThat(Files.readString(target)).startsWith("# Processing inventory\n");
    }

    @Test
    void listsTopicsWithTheirRetention() {
        assertThat(run("topics")).isZero();
        assertThat(out()).contains("sieve.raw.device\t3d\n", "sieve.control.consent\tcompacted\n");
    }

    @Test
    void diffsAPolicyFileAgainstTheBundledOne(@TempDir Path dir) throws Exception {
        String bundled = new String(PolicyToolTest.class.getResourceAsStream("/policy/sieve-policy.yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        Path next = dir.resolve("next.yaml");
        Files.writeString(next, bundled.replace("  dlq: 7d", "  dlq: 2d"));

        assertThat(run("diff", next.toString())).isZero();
        assertThat(out()).isEqualTo("~ topics.dlq retention: 7d -> 2d\n");
    }

    @Test
    void diffOfAPolicyWithItselfSaysSo() {
        assertThat(run("diff", "../schemas/src/main/resources/policy/sieve-policy.yaml")).isZero();
        assertThat(out()).isEqualTo("no changes\n");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'frobnicate'");
        assertThat(run("diff")).isEqualTo(2);
        assertThat(run("validate", "no/such/policy.yaml")).isEqualTo(2);
        assertThat(err()).contains("no such policy file: no/such/policy.yaml");
    }

    private int run(String... args) {
        return PolicyTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
