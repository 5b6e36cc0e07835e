package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.enginelocal.ClickHouseEngineException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.testsupport.ClickHouseEngine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generated roles and grants, checked by the real engine's parser. chDB runs as a user without access
 * management, so it cannot execute them (shown below); a ClickHouse server executes them in
 * {@code ClickHouseServerIT}.
 */
class GrantsIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    @Test
    void everyStatementParsesInSingleAndClusterMode() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        for (SchemaOptions o : List.of(SchemaOptions.single("sieve"), new SchemaOptions("sieve", Optional.of("c")))) {
            for (String sql : Grants.statements(catalog, o)) {
                String ast = CLICKHOUSE.query("EXPLAIN AST " + sql, "TSV");
                assertThat(ast).as(sql).startsWith(sql.startsWith("CREATE ROLE") ? "CreateRoleQuery" : "GrantQuery");
            }
        }
    }

    @Test
    void chdbCannotExecuteAccessManagement() {
        assertThatThrownBy(() -> CLICKHOUSE.execute("CREATE ROLE IF NOT EXISTS sieve_analyst"))
                .isInstanceOf(ClickHouseEngineException.class)
                .hasMessageContaining("Not enough privileges. To execute this query, it's necessary to have the grant"
                        + " CREATE ROLE ON sieve_analyst. (ACCESS_DENIED)");
    }
}
