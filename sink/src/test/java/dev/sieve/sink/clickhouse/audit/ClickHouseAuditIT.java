package dev.sieve.sink.clickhouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.Grants;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.testsupport.ClickHouseEngine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the audit reads from ClickHouse's access tables, against the real engine: the shapes {@link MigratedState}
 * gives the unit tests are the engine's.
 */
class ClickHouseAuditIT {

    @RegisterExtension
    static final ClickHouseEngine ENGINE = new ClickHouseEngine();

    /** The queries the audit runs against the access tables name columns and access types this engine has. */
    @Test
    void theAccessTablesHaveWhatTheAuditReadsAndThePolicysPrivilegesAreAccessTypes() throws Exception {
        String grants = ENGINE.query("DESCRIBE system.grants", "TSV");
        List<String> grantColumns = ENGINE.rows("DESCRIBE system.grants").stream().map(r -> r.get(0)).toList();
        assertThat(grantColumns).containsAll(SystemTables.GRANT_COLUMNS);
        assertThat(ENGINE.rows("DESCRIBE system.role_grants").stream().map(r -> r.get(0)))
                .containsAll(SystemTables.ROLE_GRANT_COLUMNS);
        assertThat(ENGINE.rows("DESCRIBE system.users").stream().map(r -> r.get(0))).contains("name", "auth_type");
        assertThat(ENGINE.rows("DESCRIBE system.roles").stream().map(r -> r.get(0))).contains("name");
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        for (Grants.Grant g : Grants.grants(catalog, new SchemaOptions("sieve_audit", Optional.of("c")))) {
            for (String privilege : g.privileges()) {
                assertThat(grants).as(privilege).contains("\\'" + GrantAudit.canonical(privilege) + "\\' = ");
            }
        }
    }
}
