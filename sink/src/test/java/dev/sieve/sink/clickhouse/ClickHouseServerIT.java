package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.Grants;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ContainerClickHouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same writer, DDL and grants against a real ClickHouse server over HTTP; skipped without Docker. */
class ClickHouseServerIT {

    @RegisterExtension
    static final ContainerClickHouse CLICKHOUSE = new ContainerClickHouse();

    @Test
    void theWriterStoresEveryTableOnARealServerAndReplaysAreDeduplicated() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        PurposeRows rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        SchemaOptions o = SchemaOptions.single("sieve_server");
        try (ClientV2Gateway gateway = ClientV2Gateway.connect(CLICKHOUSE.httpEndpoint(), CLICKHOUSE.username(),
                CLICKHOUSE.password(), Duration.ofMinutes(1))) {
            Migrations.statements(catalog, o).forEach(gateway::execute);
            Grants.statements(catalog, o).forEach(gateway::execute);
            RecordingDeadLetters dlq = new RecordingDeadLetters();
            BatchWriter writer = new BatchWriter(catalog, Stores.of(catalog, o, Map.of("cn-north", gateway)),
                    TestKeys.keyRings(catalog.policy()), dlq,
                    new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                    Clock.systemUTC());
            for (TableLayout t : catalog.tables()) {
                List<GenericRecord> batch = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    batch.add(rows.row(t, i, Instant.now(), "s-" + i, "d-" + i, "cn-north"));
                }
                writer.write(Batches.of(catalog, t, 0, 0, batch, "cn-north"));
                writer.write(Batches.of(catalog, t, 0, 0, batch, "cn-north"));
                assertThat(gateway.query("SELECT count() FROM " + o.qualified(t.name()), "TSV").strip())
                        .as(t.name()).isEqualTo("5");
            }
            assertThat(dlq.sent()).isEmpty();
        }
    }

    /**
     * The sink's own user (role sieve_sink_admin, which may pass on reads of the readers' tables) revokes the
     * readers' grants on a quarantined purpose's tables and gives them back on release, as system.grants shows.
     */
    @Test
    void theSinksUserRevokesAndRestoresTheReadersGrantsOfAQuarantinedPurpose() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        SchemaOptions o = SchemaOptions.single("sieve_quarantine");
        String password = "sink-password-for-the-test";
        try (ClientV2Gateway admin = ClientV2Gateway.connect(CLICKHOUSE.httpEndpoint(), CLICKHOUSE.username(),
                CLICKHOUSE.password(), Duration.ofMinutes(1))) {
            Migrations.statements(catalog, o).forEach(admin::execute);
            Grants.statements(catalog, o).forEach(admin::execute);
            admin.execute("CREATE USER IF NOT EXISTS sieve_sink IDENTIFIED WITH plaintext_password BY '" + password
                    + "'");
            admin.execute("GRANT " + Grants.ADMIN + " TO sieve_sink");
            String analystReads = "SELECT table FROM system.grants WHERE role_name = 'sieve_analyst' AND database ="
                    + " 'sieve_quarantine' AND startsWith(table, 'analytics_') AND access_type = 'SELECT' ORDER BY table";
            List<String> tables = catalog.tables().stream().filter(t -> t.purpose().id().equals("analytics"))
                    .map(TableLayout::name).sorted().toList();
            assertThat(admin.query(analystReads, "TSV").lines().toList()).isEqualTo(tables);

            try (ClickHouseStore sink = new ClickHouseStore("cn-north", ClientV2Gateway.connect(
                    CLICKHOUSE.httpEndpoint(), "sieve_sink", password, Duration.ofMinutes(1)), o, catalog)) {
                sink.quarantines().revokeReaders("analytics");
                assertThat(admin.query(analystReads, "TSV").strip()).as("revoked").isEmpty();
                sink.quarantines().grantReaders("analytics");
                assertThat(admin.query(analystReads, "TSV").lines().toList()).as("given back").isEqualTo(tables);
            }
        }
    }
}
