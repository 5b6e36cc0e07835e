package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {

    @Test
    void analystsReadOnlyTablesWithoutRawIdentifiersAndTheWriterOnlyInserts() throws Exception {
        List<String> grants = Grants.statements(new TableCatalog(PolicyLoader.loadDefault()), SchemaOptions.single("sieve"));

        List<String> analyst = grants.stream().filter(g -> g.endsWith(" TO sieve_analyst")).toList();
        assertThat(analyst).contains("GRANT SELECT ON sieve.analytics_device TO sieve_analyst",
                "GRANT SELECT ON sieve.personalization_device TO sieve_analyst");
        assertThat(analyst).noneMatch(g -> g.contains("sieve.service_") || g.contains("sieve.security_")
                || g.contains("sieve.surveys_") || g.contains("sink_"));
        assertThat(grants.stream().filter(g -> g.endsWith(" TO sieve_security"))).containsExactly(
                "GRANT SELECT ON sieve.security_device TO sieve_security",
                "GRANT SELECT ON sieve.security_software TO sieve_security",
                "GRANT SELECT ON sieve.security_ip TO sieve_security",
                "GRANT SELECT ON sieve.security_communication_log TO sieve_security");
        assertThat(grants.stream().filter(g -> g.endsWith(" TO sieve_sink_writer")))
                .allMatch(g -> g.startsWith("GRANT INSERT ON sieve."));
        // erasure redacts peers and sunset anonymizes with ALTER UPDATE; sunset reads key columns from system.columns
        assertThat(grants.stream().filter(g -> g.endsWith(" TO sieve_sink_admin")))
                .anyMatch(g -> g.contains(" ALTER DELETE, ALTER UPDATE ON sieve.* "))
                .contains("GRANT SELECT ON system.columns TO sieve_sink_admin");
    }
}
