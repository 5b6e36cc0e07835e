package dev.sieve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.testsupport.ClickHouseEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/clickhouse/apply-access.sh as compose and the Kubernetes Jobs run it, with bash. No ClickHouse server
 * runs here, so {@code clickhouse} on its PATH is a stand-in that records its arguments and the SQL it is given;
 * every recorded statement then goes through the real engine's parser (chDB, which cannot execute access
 * management: see the sink's GrantsIT). Passwords must reach the SQL only as SHA-256 hashes, and appear in no
 * argument and no output.
 */
class ClickHouseAccessIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Map<String, String> PASSWORDS = Map.of(
            "SIEVE_CH_SINK_PASSWORD", "sink-password-with-'quote",
            "SIEVE_CH_ANALYST_PASSWORD", "analyst-password-0123456789",
            "SIEVE_CH_SECURITY_PASSWORD", "security-password-0123456789");

    @TempDir
    Path dir;

    record Run(int exit, String output, String args, String sql) {}

    Run run(Map<String, String> env, String... hosts) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path stub = bin.resolve("clickhouse");
        Files.writeString(stub, "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> \"$RECORD_DIR/args\"\n"
                + "cat >> \"$RECORD_DIR/sql\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("bash", DeployFiles.APPLY_ACCESS.toString()));
        command.addAll(List.of(hosts));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("RECORD_DIR", dir.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output, read(dir.resolve("args")), read(dir.resolve("sql")));
    }

    static String read(Path f) throws Exception {
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Test
    void rolesThenUsersHoldingThemParseInClickHouseAndPasswordsTravelOnlyAsHashes() throws Exception {
        Run run = run(PASSWORDS, "clickhouse-cn-north", "clickhouse-cn-east");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.args().lines()).containsExactly(
                "client --host clickhouse-cn-north --port 9000 --multiquery",
                "client --host clickhouse-cn-east --port 9000 --multiquery");
        String perHost = run.sql().substring(0, run.sql().length() / 2);
        assertThat(run.sql()).isEqualTo(perHost + perHost);
        assertThat(perHost).startsWith(DeployFiles.read(DeployFiles.ROLES_SQL));

        List<String> statements = new ArrayList<>();
        for (String s : perHost.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        for (String sql : statements) {
            assertThat(CLICKHOUSE.query("EXPLAIN AST " + sql, "TSV")).as(sql).isNotBlank();
        }
        String sink = sha256(PASSWORDS.get("SIEVE_CH_SINK_PASSWORD"));
        assertThat(statements).contains(
                "CREATE USER IF NOT EXISTS sieve_sink IDENTIFIED WITH sha256_hash BY '" + sink + "'",
                "GRANT sieve_sink_writer, sieve_sink_admin TO sieve_sink",
                "ALTER USER sieve_sink DEFAULT ROLE sieve_sink_writer, sieve_sink_admin",
                "GRANT sieve_analyst TO sieve_analyst",
                "GRANT sieve_security TO sieve_security");
        for (String password : PASSWORDS.values()) {
            assertThat(run.sql() + run.args() + run.output()).doesNotContain(password);
        }
    }

    @Test
    void tlsUsesTheSecureNativePort() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(PASSWORDS);
        env.put("CLICKHOUSE_SECURE", "1");
        Run run = run(env, "clickhouse.cn-north.example.internal");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.args().strip())
                .isEqualTo("client --host clickhouse.cn-north.example.internal --port 9440 --secure --multiquery");
    }

    @Test
    void aShortOrMissingPasswordStopsItBeforeAnythingIsSentNamingTheVariableOnly() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(PASSWORDS);
        env.put("SIEVE_CH_ANALYST_PASSWORD", "REPLACE_ME");
        Run run = run(env, "clickhouse-cn-north");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("SIEVE_CH_ANALYST_PASSWORD must be set to at least 16 characters")
                .doesNotContain("REPLACE_ME");
        assertThat(run.sql()).isEmpty();
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
