package dev.sieve.cli.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.clickhouse.ClickHouseGateway;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SinkTables;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.Migration;
import dev.sieve.testsupport.ClickHouseEngine;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ddl apply}'s logic on the real ClickHouse engine. */
class DdlApplyIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    /** The sink's operations on the engine, as {@code ddl apply} runs them. */
    private static SinkOperations sink(TableCatalog catalog, SchemaOptions o, Map<String, ClickHouseGateway> regions) {
        return new SinkOperations(catalog, o, () -> Stores.of(catalog, o, regions), () -> {
            throw new AssertionError("ddl apply needs no keys");
        }, Clock.systemUTC());
    }

    private static List<Migration> apply(TableCatalog catalog, SchemaOptions o) {
        try (SinkOperations sink = sink(catalog, o, Map.of("cn-north", new EngineGateway(CLICKHOUSE)))) {
            return sink.migrate();
        }
    }

    @Test
    void theFirstRunCreatesEverythingAndTheSecondChangesNothing() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        SchemaOptions o = SchemaOptions.single("sieve_apply");
        int statements = Migrations.statements(catalog, o).size();

        List<Migration> first = apply(catalog, o);

        assertThat(first).hasSize(1);
        Migration r = first.get(0);
        assertThat(r.failure()).isEmpty();
        assertThat(r.ran()).isEqualTo(statements);
        assertThat(r.changes()).hasSize(1 + catalog.tables().size() + SinkTables.ddl(o).size())
                .startsWith("created database sieve_apply")
                .contains("created table sieve_apply.sink_legal_holds", "created table sieve_apply.analytics_device")
                .allMatch(c -> c.startsWith("created "));
        assertThat(CLICKHOUSE.rows("SELECT count() FROM system.tables WHERE database = 'sieve_apply'"))
                .containsExactly(List.of(Integer.toString(catalog.tables().size() + SinkTables.ddl(o).size())));
        Map<String, String> before = showCreateAll(o.database());

        List<Migration> second = apply(catalog, o);

        assertThat(second.get(0).changes()).isEmpty();
        assertThat(MigrationReport.lines(second.get(0)))
                .containsExactly("cn-north: " + statements + " statements run, nothing changed");
        assertThat(showCreateAll(o.database())).isEqualTo(before);
    }

    @Test
    void aNewPolicyFieldIsReportedAsTheOneTableItChanged() throws Exception {
        String yaml = defaultPolicyText();
        String kept = "          signal_strength_dbm: {action: generalize, bucket: 10}\n          network_type: keep\n";
        assertThat(yaml).contains(kept);
        Policy without = PolicyLoader.load("reduced.yaml", new StringReader(
                yaml.replace(kept, "          signal_strength_dbm: {action: generalize, bucket: 10}\n")));
        SchemaOptions o = SchemaOptions.single("sieve_apply_evolve");
        apply(new TableCatalog(without), o);

        List<Migration> evolved = apply(new TableCatalog(PolicyLoader.loadDefault()), o);

        assertThat(evolved.get(0).changes()).containsExactly("changed table sieve_apply_evolve.product_improvement_device");
        assertThat(MigrationReport.lines(evolved.get(0))).endsWith("cn-north: "
                + evolved.get(0).of() + " statements run, 1 change");
    }

    @Test
    void aRegionThatFailsDoesNotStopTheOthers() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        SchemaOptions o = SchemaOptions.single("sieve_apply_regions");
        Map<String, ClickHouseGateway> regions = new LinkedHashMap<>();
        regions.put("cn-east", ClientV2Gateway.connect("http://localhost:1", "default", "", Duration.ofSeconds(5)));
        regions.put("cn-north", new EngineGateway(CLICKHOUSE));

        List<Migration> results;
        try (SinkOperations two = sink(catalog, o, regions)) {
            results = two.migrate();
        }

        assertThat(results).extracting(Migration::region).containsExactly("cn-east", "cn-north");
        assertThat(results.get(0).failure()).hasValueSatisfying(f -> assertThat(f).startsWith("ClickHouse unreachable"));
        assertThat(results.get(0).ran()).isZero();
        assertThat(results.get(1).failure()).isEmpty();
        assertThat(results.get(1).changes()).contains("created database sieve_apply_regions");
    }

    private static Map<String, String> showCreateAll(String database) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> row : CLICKHOUSE.rows("SELECT name FROM system.tables WHERE database = '" + database
                + "' ORDER BY name")) {
            out.put(row.get(0), CLICKHOUSE.rows("SHOW CREATE TABLE " + database + "." + row.get(0)).get(0).get(0));
        }
        return out;
    }

    private static String defaultPolicyText() throws Exception {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_POLICY_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
