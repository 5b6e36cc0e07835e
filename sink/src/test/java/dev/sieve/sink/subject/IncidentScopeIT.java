package dev.sieve.sink.subject;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.TimeWindow;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An incident's scope on rows the sink's writer stored in the real engine: raw ids read as they are, pseudonyms
 * resolved through the raw tables' ids and the key ring, what no candidate matches counted as unresolved.
 */
class IncidentScopeIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Instant IN = NOW.minus(Duration.ofHours(1));
    static final Instant BEFORE = NOW.minus(Duration.ofDays(3));
    static final TimeWindow LAST_TWO_HOURS = new TimeWindow(NOW.minus(Duration.ofHours(2)), NOW);
    static final SchemaOptions DB = SchemaOptions.single("sieve_scope");

    static TableCatalog catalog;
    static IncidentScope scope;

    @BeforeAll
    static void fill() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        Migrations.statements(catalog, DB).forEach(CLICKHOUSE::execute);
        RegionStores stores = Stores.of(catalog, DB, Map.of("cn-north", new EngineGateway(CLICKHOUSE),
                "eu-west", new EngineGateway(CLICKHOUSE)));
        PurposeRows rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        BatchWriter writer = new BatchWriter(catalog, stores, TestKeys.keyRings(catalog.policy()),
                new RecordingDeadLetters(), new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()),
                SinkMetrics.inMemory(), CLOCK);
        // raw: alice and bob in the window, carol before it (in cn-north); dave in eu-west
        write(writer, rows, "service_device", "cn-north", List.of("alice", "bob", "carol"), List.of(IN, IN, BEFORE));
        write(writer, rows, "service_device", "eu-west", List.of("dave"), List.of(IN));
        // pseudonymous: alice and carol (twice) in the window, erin too, whom no raw table holds; bob before it
        write(writer, rows, "personalization_device", "cn-north", List.of("alice", "carol", "carol", "erin", "bob"),
                List.of(IN, IN, IN, IN, BEFORE));
        scope = new IncidentScope(stores, new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), CLOCK));
    }

    private static void write(BatchWriter writer, PurposeRows rows, String table, String region, List<String> who,
            List<Instant> at) {
        TableLayout t = catalog.table(table).orElseThrow();
        List<GenericRecord> batch = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            batch.add(rows.row(t, i, at.get(i), who.get(i) + "-subject", who.get(i) + "-device", region));
        }
        writer.write(Batches.of(catalog, t, region.equals("cn-north") ? 0 : 1, 0, batch, region));
    }

    private static IncidentScope.Scope of(String table) {
        return scope.of(List.of(catalog.table(table).orElseThrow()), LAST_TWO_HOURS);
    }

    @Test
    void aRawTableGivesTheIdsOfItsRowsInTheWindowByRegion() {
        IncidentScope.Scope s = of("service_device");

        assertThat(s.affected()).containsExactlyInAnyOrder(
                new IncidentScope.Affected("cn-north", "subject_id", "alice-subject", List.of("service_device"), 1),
                new IncidentScope.Affected("cn-north", "device_id", "alice-device", List.of("service_device"), 1),
                new IncidentScope.Affected("cn-north", "subject_id", "bob-subject", List.of("service_device"), 1),
                new IncidentScope.Affected("cn-north", "device_id", "bob-device", List.of("service_device"), 1),
                new IncidentScope.Affected("eu-west", "subject_id", "dave-subject", List.of("service_device"), 1),
                new IncidentScope.Affected("eu-west", "device_id", "dave-device", List.of("service_device"), 1));
        assertThat(s.unresolved()).isEmpty();
        assertThat(s.counts()).isEqualTo(Map.of("cn-north", Map.of("device_id", 2L, "subject_id", 2L),
                "eu-west", Map.of("device_id", 1L, "subject_id", 1L)));
    }

    @Test
    void aPseudonymousTablesPseudonymsAreResolvedThroughTheRawTablesIdsWhateverTheirTime() {
        IncidentScope.Scope s = of("personalization_device");

        assertThat(s.affected()).containsExactlyInAnyOrder(
                new IncidentScope.Affected("cn-north", "subject_id", "alice-subject",
                        List.of("personalization_device"), 1),
                new IncidentScope.Affected("cn-north", "device_id", "alice-device",
                        List.of("personalization_device"), 1),
                new IncidentScope.Affected("cn-north", "subject_id", "carol-subject",
                        List.of("personalization_device"), 2),
                new IncidentScope.Affected("cn-north", "device_id", "carol-device",
                        List.of("personalization_device"), 2));
        assertThat(s.unresolved()).as("erin is in no raw table").containsExactlyInAnyOrder(
                new IncidentScope.Unresolved("cn-north", "personalization_device", "subject_id", 1, 1),
                new IncidentScope.Unresolved("cn-north", "personalization_device", "device_id", 1, 1));
    }

    @Test
    void severalTablesGiveEachPersonOnceWithEveryTableAndTheRowsOfAll() {
        IncidentScope.Scope s = scope.of(List.of(catalog.table("service_device").orElseThrow(),
                catalog.table("personalization_device").orElseThrow()), LAST_TWO_HOURS);

        assertThat(s.affected()).filteredOn(a -> a.value().equals("alice-subject")).containsExactly(
                new IncidentScope.Affected("cn-north", "subject_id", "alice-subject",
                        List.of("service_device", "personalization_device"), 2));
        assertThat(s.counts().get("cn-north")).isEqualTo(Map.of("device_id", 3L, "subject_id", 3L));
    }
}
