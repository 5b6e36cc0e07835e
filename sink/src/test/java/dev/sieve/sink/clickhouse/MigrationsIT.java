package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.testsupport.ClickHouseEngine;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generated DDL, executed by the real ClickHouse engine. */
class MigrationsIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    @Test
    void defaultPolicyMigratesAndASecondRunChangesNothing() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        SchemaOptions options = SchemaOptions.single("sieve_ddl");
        Migrations.statements(catalog, options).forEach(CLICKHOUSE::execute);
        Map<String, String> first = showCreateAll(options.database());

        Migrations.statements(catalog, options).forEach(CLICKHOUSE::execute);

        assertThat(showCreateAll(options.database())).isEqualTo(first);
        assertThat(first).hasSize(catalog.tables().size() + SinkTables.ddl(options).size());
        assertThat(first.get("analytics_communication_log"))
                .contains("PARTITION BY toYYYYMM(_ingested_at)")
                .contains("ORDER BY (app_id, _ingested_at)")
                .contains("TTL toDateTime(_ingested_at) + toIntervalDay(365) WHERE ifNull(device_id, '') NOT IN (\n"
                        + "    SELECT identifier\n    FROM sieve_ddl.sink_legal_hold_identifiers\n)")
                .contains("`started_at` DateTime64(3, 'UTC')")
                .contains("SETTINGS non_replicated_deduplication_window = 10000");
        assertThat(first.get("analytics_ip")).contains("`ip_address` IPv6",
                "`app_id` LowCardinality(String)",
                "CONSTRAINT device_id_is_pseudonym CHECK isNull(device_id) OR match(device_id, '^[A-Za-z0-9-]{1,16}:[A-Za-z0-9_-]{43}$')");
        assertThat(first.get("security_software")).contains("`other_software` Array(String)",
                "TTL toDateTime(least(event_time, _ingested_at)) + toIntervalDay(180) WHERE (ifNull(subject_id, '') NOT IN (");
        assertThat(first.get("ad_measurement_device")).as("its device pseudonym lets a legal hold protect its rows")
                .contains("toIntervalDay(90) WHERE ifNull(device_id, '') NOT IN (");
    }

    @Test
    void aNewPolicyFieldBecomesAColumnAndARemovedOneStays() throws Exception {
        String yaml = defaultPolicyText();
        String kept = "          signal_strength_dbm: {action: generalize, bucket: 10}\n          network_type: keep\n";
        assertThat(yaml).contains(kept);
        Policy without = PolicyLoader.load("reduced.yaml", new StringReader(
                yaml.replace(kept, "          signal_strength_dbm: {action: generalize, bucket: 10}\n")));
        Policy with = PolicyLoader.loadDefault();
        SchemaOptions options = SchemaOptions.single("sieve_evolution");

        Migrations.statements(new TableCatalog(without), options).forEach(CLICKHOUSE::execute);
        assertThat(columns(options, "product_improvement_device")).doesNotContain("network_type");

        Migrations.statements(new TableCatalog(with), options).forEach(CLICKHOUSE::execute);
        List<String> evolved = columns(options, "product_improvement_device");
        assertThat(evolved).containsSubsequence("signal_strength_dbm", "network_type", "_ingested_at");
        TableLayout layout = new TableCatalog(with).table("product_improvement_device").orElseThrow();
        assertThat(evolved).containsExactlyElementsOf(layout.columns().stream().map(c -> c.name()).toList());

        Migrations.statements(new TableCatalog(without), options).forEach(CLICKHOUSE::execute);
        assertThat(columns(options, "product_improvement_device")).contains("network_type");
    }

    @Test
    void clusterModeStatementsParse() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        List<String> statements = Migrations.statements(catalog, new SchemaOptions("sieve", Optional.of("sieve_cluster")));
        assertThat(statements).anyMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS sieve.analytics_device ON CLUSTER"
                + " sieve_cluster AS sieve.analytics_device_local\nENGINE = Distributed(sieve_cluster, sieve,"
                + " analytics_device_local, cityHash64(event_id))"));
        // chDB has no cluster to run ON CLUSTER against; the parser is the same as the server's.
        for (String sql : statements) {
            assertThat(CLICKHOUSE.query("EXPLAIN AST " + sql, "TSV")).isNotBlank();
        }
    }

    private static Map<String, String> showCreateAll(String database) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> row : CLICKHOUSE.rows("SELECT name FROM system.tables WHERE database = '" + database
                + "' ORDER BY name")) {
            out.put(row.get(0), CLICKHOUSE.rows("SHOW CREATE TABLE " + database + "." + row.get(0)).get(0).get(0));
        }
        return out;
    }

    private static List<String> columns(SchemaOptions o, String table) {
        return CLICKHOUSE.rows("SELECT name FROM system.columns WHERE database = '" + o.database() + "' AND table = '"
                + table + "' ORDER BY position").stream().map(r -> r.get(0)).toList();
    }

    private static String defaultPolicyText() throws Exception {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_POLICY_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
