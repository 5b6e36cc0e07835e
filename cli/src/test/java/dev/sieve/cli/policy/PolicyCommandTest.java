package dev.sieve.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    static final String BUNDLED = "../schemas/src/main/resources/policy/sieve-policy.yaml";

    @Test
    void validatesTheDefaultPolicy() {
        CliRun run = CliRun.of("policy", "validate");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("sieve-policy.yaml: policy version 1 is valid: 10 purposes, 26 tables, 2 regions\n");
    }

    @Test
    void brokenPolicyExitsOneWithEveryProblem() {
        CliRun run = CliRun.of("policy", "validate", "../schemas/src/test/resources/policy/broken-policy.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("15 problems in the policy:\n  broken-policy.yaml:9:12: topics.purpose:");
    }

    @Test
    void rendersTheInventoryToAFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("inventory.md");
        CliRun run = CliRun.of("policy", "render", "--out", target.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("wrote " + target + "\n");
        assertThat(Files.readString(target)).startsWith("# Processing inventory\n");
    }

    @Test
    void listsTopicsWithTheirRetention() {
        CliRun run = CliRun.of("policy", "topics");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("sieve.raw.device\t3d\n", "sieve.control.consent\tcompacted\n");
    }

    @Test
    void diffsAPolicyFileAgainstTheBundledOne(@TempDir Path dir) throws Exception {
        Path next = dir.resolve("next.yaml");
        Files.writeString(next, Files.readString(Path.of(BUNDLED), StandardCharsets.UTF_8)
                .replace("  dlq: 7d", "  dlq: 2d"));

        CliRun run = CliRun.of("policy", "diff", next.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("~ topics.dlq retention: 7d -> 2d\n");
    }

    @Test
    void diffOfAPolicyWithItselfSaysSo() {
        CliRun run = CliRun.of("policy", "diff", BUNDLED, BUNDLED);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("no changes\n");
    }

    @Test
    void badUsageExitsTwoAndSaysWhy() {
        assertThat(CliRun.of("policy").exitCode()).isEqualTo(2);
        CliRun unknown = CliRun.of("policy", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument at index 1: 'frobnicate'");
        assertThat(CliRun.of("policy", "diff").exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of("policy", "validate", "no/such/policy.yaml");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("no such policy file: no/such/policy.yaml\n");
    }
}
