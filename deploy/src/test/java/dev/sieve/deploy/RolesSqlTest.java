package dev.sieve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.clickhouse.Grants;
import dev.sieve.sink.model.TableCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/clickhouse/roles.sql is what {@code sieve grants show} prints for the deployed sink configuration: the
 * policy's tables, the configured database. A policy change that adds a table makes it stale, and this fails.
 */
class RolesSqlTest {

    static final String HEADER = """
            -- Roles and grants of Sieve's ClickHouse, generated from the policy by the sink's Grants (what
            -- `sieve grants show --config deploy/config/sink.properties` prints). Do not edit: RolesSqlTest fails
            -- when this file and the policy disagree, and writes the up-to-date file to deploy/target/roles.sql.
            -- apply-access.sh runs it, then creates the users that hold these roles.

            """;

    @TempDir
    Path scratch;

    @Test
    void rolesSqlIsWhatTheSinkPrintsForTheDeployedPolicyAndDatabase() throws Exception {
        StageConfigs.Loaded sink = StageConfigs.load(new Compose().deployed("sink", new Secrets(), scratch));
        StringBuilder expected = new StringBuilder(HEADER);
        // SinkMain prints each statement followed by ";" and an empty line.
        Grants.statements(new TableCatalog(sink.policy()), sink.sink().schema())
                .forEach(sql -> expected.append(sql).append(";\n\n"));
        String committed = Files.exists(DeployFiles.ROLES_SQL) ? DeployFiles.read(DeployFiles.ROLES_SQL) : "";
        if (!committed.equals(expected.toString())) {
            Path fresh = DeployFiles.DEPLOY.resolve("target/roles.sql");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected, StandardCharsets.UTF_8);
            assertThat(committed).as("deploy/clickhouse/roles.sql is stale; the up-to-date file is at"
                    + " deploy/target/roles.sql: cp deploy/target/roles.sql deploy/clickhouse/roles.sql")
                    .isEqualTo(expected.toString());
        }
    }
}
