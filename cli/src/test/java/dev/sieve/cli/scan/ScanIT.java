package dev.sieve.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.scan.StoredIdentifiers;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.testsupport.ClickHouseEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sieve scan}'s work on the real engine: nothing in the rows the normal path (anonymizer, then sink) stored;
 * every identifier planted straight into a pseudonymous table, by table, column and recognizer.
 */
class ScanIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static TableCatalog catalog;

    @BeforeAll
    static void policy() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
    }

    private static SinkOperations filled(SchemaOptions db) throws Exception {
        Migrations.statements(catalog, db).forEach(CLICKHOUSE::execute);
        RegionStores stores = Stores.of(catalog, db, Map.of("cn-north", new EngineGateway(CLICKHOUSE)));
        AnonymizedRows.write(catalog, stores, NOW, List.of("alice", "bob"));
        return new SinkOperations(catalog, db, () -> stores, () -> {
            throw new AssertionError("the scan needs no keys");
        }, Clock.systemUTC());
    }

    private static List<StoredIdentifiers.Found> scan(SinkOperations sink) {
        return sink.scanForIdentifiers().found();
    }

    @Test
    void rowsStoredByTheNormalPathHoldNone() throws Exception {
        SchemaOptions db = SchemaOptions.single("sieve_scan_clean");
        try (SinkOperations sink = filled(db)) {
            assertThat(CLICKHOUSE.query("SELECT count() FROM " + db.qualified("personalization_service_log"),
                    "TSV").strip()).as("the scanned tables have rows").isEqualTo("2");
            assertThat(CLICKHOUSE.query("SELECT any(search_query), any(page_url) FROM "
                    + db.qualified("personalization_service_log"), "TSV")).as("scrubbed, not left out")
                    .contains("[email]", "[phone]", "https://app.example.com/").doesNotContain("alice@");

            assertThat(scan(sink)).isEmpty();
        }
    }

    @Test
    void identifiersPlantedStraightIntoAPseudonymousTableAreFoundByTableColumnAndRecognizer() throws Exception {
        SchemaOptions db = SchemaOptions.single("sieve_scan_planted");
        try (SinkOperations sink = filled(db)) {
            String table = db.qualified("personalization_service_log");
            // three rows beside the two clean ones: two with the same leaked text, one with a leaked URL
            for (int i = 0; i < 2; i++) {
                CLICKHOUSE.execute("INSERT INTO " + table + " SELECT * REPLACE ('mail alice@example.com or ring"
                        + " +86 138 0013 8000' AS search_query) FROM " + table + " LIMIT 1");
            }
            CLICKHOUSE.execute("INSERT INTO " + table + " SELECT * REPLACE"
                    + " ('https://app.example.com/u/alice@example.com' AS page_url) FROM " + table + " LIMIT 1");

            assertThat(scan(sink)).containsExactlyInAnyOrder(
                    new StoredIdentifiers.Found("cn-north", "personalization_service_log", "search_query", "email", 2),
                    new StoredIdentifiers.Found("cn-north", "personalization_service_log", "search_query", "phone", 2),
                    new StoredIdentifiers.Found("cn-north", "personalization_service_log", "page_url", "email", 1));
        }
    }
}
