package dev.sieve.sink.sunset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.clickhouse.HoldPredicate;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.hold.LegalHolds;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sunset of one app through the real ClickHouse engine, over every table of the bundled policy, rows written by
 * the sink's own writer: three subjects, each with rows of two of three apps; bob is under legal hold. The app
 * sunset is {@code app-0}: alice's row and bob's (held) row in every table.
 */
class AppSunsetIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final String APP = "app-0";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Subject BOB = new Subject(Optional.of("bob-subject"), Optional.of("bob-device"));

    final TableCatalog catalog;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final EngineGateway gateway = new EngineGateway(CLICKHOUSE);
    final SubjectIdentifiers identifiers;
    final PurposeRows rows;

    AppSunsetIT() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        identifiers = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), clock);
        rows = new PurposeRows(TestKeys.rings(catalog.policy()));
    }

    private RegionStores stores(SchemaOptions o) {
        return Stores.of(catalog, o, Map.of("cn-north", gateway));
    }

    /**
     * Every table, six rows each: row i belongs to app {@code app-<i % 3>}, so app-0 has alice's first and bob's
     * second row; bob is held. {@code create} may change a migration statement before it runs.
     */
    private SchemaOptions tablesWithRows(String database, UnaryOperator<String> create) {
        SchemaOptions o = SchemaOptions.single(database);
        Migrations.statements(catalog, o).stream().map(create).forEach(CLICKHOUSE::execute);
        BatchWriter writer = new BatchWriter(catalog, stores(o),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(), clock);
        for (TableLayout t : catalog.tables()) {
            List<GenericRecord> batch = new ArrayList<>();
            int i = 0;
            for (String who : List.of("alice", "bob", "carol")) {
                for (Duration ago : List.of(Duration.ofHours(2), Duration.ofHours(1))) {
                    batch.add(rows.row(t, i++, NOW.minus(ago), who + "-subject", who + "-device", "cn-north"));
                }
            }
            writer.write(Batches.of(catalog, t, 0, 0, batch, "cn-north"));
        }
        Erasure erasure = new Erasure(catalog, stores(o), identifiers, SinkMetrics.inMemory(), clock,
                Erasure.sweepDelay(catalog.policy()));
        new LegalHolds(catalog, stores(o), identifiers, erasure, SinkMetrics.inMemory(), clock)
                .place("hold-bob", BOB, "legal@example", "litigation");
        return o;
    }

    private List<TableSunset> sunset(SchemaOptions o, SunsetMode mode, boolean dryRun) {
        return new AppSunset(catalog, stores(o), clock).run(new SunsetRequest("sunset-1", APP,
                mode, "dpo@example", "notes is discontinued"), dryRun);
    }

    @Test
    void deleteLeavesNoRowOfTheAppButHeldOnesAndNoOtherAppsRowChanges() {
        SchemaOptions o = tablesWithRows("sunset_delete", UnaryOperator.identity());
        Map<String, String> othersBefore = otherApps(o);

        List<TableSunset> result = sunset(o, SunsetMode.DELETE, false);

        assertThat(result).hasSize(catalog.tables().size()).allSatisfy(t -> {
            assertThat(t).isEqualTo(new TableSunset("cn-north", t.table(), 2, 1, 1, "deleted", true));
            assertThat(rows(o, t.table(), "app_id = '" + APP + "'")).as(t.table()).isEqualTo(1);
            assertThat(rows(o, t.table(), "app_id = '" + APP + "' AND NOT (" + notHeld(o, t.table()) + ")"))
                    .as("the one left in %s is bob's held row", t.table()).isEqualTo(1);
        });
        assertThat(otherApps(o)).isEqualTo(othersBefore);
        assertThat(CLICKHOUSE.rows("SELECT event, count(), sum(rows_changed), sum(rows_held) FROM "
                + o.qualified("sink_sunset_audit") + " WHERE sunset_id = 'sunset-1' AND app_id = '" + APP + "'"
                + " AND action = 'delete' GROUP BY event ORDER BY event")).containsExactly(
                List.of("completed", "1", "26", "26"), List.of("requested", "1", "0", "0"),
                List.of("table", "26", "26", "26"));
    }

    @Test
    void anonymizeLeavesTheAppsRowsWithoutAnyIdentifyingValue() {
        SchemaOptions o = tablesWithRows("sunset_anonymize", UnaryOperator.identity());
        Map<String, String> othersBefore = otherApps(o);
        String kept = CLICKHOUSE.rows("SELECT event_time, os_name, device_model FROM " + o.qualified("service_device")
                + " WHERE app_id = '" + APP + "' ORDER BY event_time").toString();

        List<TableSunset> result = sunset(o, SunsetMode.ANONYMIZE, false);

        assertThat(result).allSatisfy(t -> {
            List<Column> cleared = ClearedColumns.of(catalog.table(t.table()).orElseThrow());
            assertThat(t).isEqualTo(new TableSunset("cn-north", t.table(), 2, 1, 1, "anonymized: "
                    + String.join(", ", cleared.stream().map(Column::name).toList()), true));
            assertThat(rows(o, t.table(), "app_id = '" + APP + "'")).as("rows stay").isEqualTo(2);
            assertThat(rows(o, t.table(), "app_id = '" + APP + "' AND " + notHeld(o, t.table()) + " AND NOT ("
                    + allCleared(cleared) + ")")).as("%s: an identifying value left", t.table()).isZero();
            assertThat(rows(o, t.table(), "app_id = '" + APP + "' AND NOT (" + notHeld(o, t.table()) + ") AND NOT ("
                    + allCleared(cleared) + ")")).as("%s: bob's held row is untouched", t.table()).isEqualTo(1);
        });
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified("service_device")
                + " WHERE subject_id = 'alice-subject' OR device_id = 'alice-device'")).containsExactly(List.of("1"));
        assertThat(CLICKHOUSE.rows("SELECT event_time, os_name, device_model FROM " + o.qualified("service_device")
                + " WHERE app_id = '" + APP + "' ORDER BY event_time").toString()).as("aggregates stay").isEqualTo(kept);
        assertThat(otherApps(o)).isEqualTo(othersBefore);
    }

    @Test
    void aColumnInTheTablesKeyCannotBeClearedSoTheAppsRowsAreDeletedThere() {
        // a service_device table whose sorting key, as it exists, includes the device id
        SchemaOptions o = tablesWithRows("sunset_keyed", sql -> sql.startsWith(
                "CREATE TABLE IF NOT EXISTS sunset_keyed.service_device\n")
                ? sql.replace("ORDER BY (app_id, event_time)", "ORDER BY (app_id, device_id, event_time)")
                        .replace("\nSETTINGS ", "\nSETTINGS allow_nullable_key = 1, ") : sql);

        List<TableSunset> result = sunset(o, SunsetMode.ANONYMIZE, false);

        assertThat(result.stream().filter(t -> t.table().equals("service_device"))).containsExactly(new TableSunset(
                "cn-north", "service_device", 2, 1, 1, "deleted instead: device_id in the table's key, which ALTER"
                + " UPDATE cannot change", true));
        assertThat(rows(o, "service_device", "app_id = '" + APP + "'")).as("only bob's held row").isEqualTo(1);
        assertThat(result.stream().filter(t -> !t.table().equals("service_device")))
                .allSatisfy(t -> assertThat(t.done()).startsWith("anonymized: "));
    }

    @Test
    void aDryRunCountsTheSameAndChangesNothing() {
        SchemaOptions o = tablesWithRows("sunset_dry", UnaryOperator.identity());
        Map<String, String> before = everything(o);

        List<TableSunset> deleting = sunset(o, SunsetMode.DELETE, true);
        List<TableSunset> anonymizing = sunset(o, SunsetMode.ANONYMIZE, true);

        assertThat(everything(o)).isEqualTo(before);
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified("sink_sunset_audit")))
                .containsExactly(List.of("0"));
        assertThat(deleting).isEqualTo(sunset(o, SunsetMode.DELETE, false));
        assertThat(anonymizing).allSatisfy(t -> assertThat(t.changed()).isEqualTo(1));
    }

    @Test
    void aTableWithoutAnAppIdColumnIsLeftAndReportedAsNotHandled(@TempDir Path dir) throws Exception {
        String bundled = Files.readString(Path.of("../schemas/src/main/resources/policy/sieve-policy.yaml"));
        int surveys = bundled.indexOf("\n  surveys:\n");
        Path policy = Files.writeString(dir.resolve("policy.yaml"), bundled.substring(0, surveys)
                + bundled.substring(surveys).replaceFirst("\n          app_id: keep\n", "\n"));
        TableCatalog noAppInSurveys = new TableCatalog(PolicyLoader.load(policy));
        SchemaOptions o = SchemaOptions.single("sunset_no_app");
        Migrations.statements(noAppInSurveys, o).forEach(CLICKHOUSE::execute);

        List<TableSunset> result = new AppSunset(noAppInSurveys, Stores.of(noAppInSurveys, o,
                Map.of("cn-north", gateway)), clock)
                .run(new SunsetRequest("sunset-2", APP, SunsetMode.DELETE, "dpo@example", "closed"), false);

        assertThat(result.stream().filter(t -> !t.handled())).containsExactly(new TableSunset("cn-north",
                "surveys_device", 0, 0, 0, "not changed: no app_id column, the app's rows cannot be told apart", false));
        assertThat(CLICKHOUSE.rows("SELECT event, table_name FROM " + o.qualified("sink_sunset_audit")
                + " WHERE event = 'not_handled'")).containsExactly(List.of("not_handled", "surveys_device"));
    }

    /** Every cleared column holds its type's empty value: '', '::', [] or NULL. */
    private static String allCleared(List<Column> cleared) {
        return String.join(" AND ", cleared.stream()
                .map(c -> "ifNull(toString(" + c.name() + "), '') IN ('', '::', '[]')").toList());
    }

    private String notHeld(SchemaOptions o, String table) {
        return HoldPredicate.notHeld(catalog.table(table).orElseThrow(), o).orElseThrow();
    }

    private long rows(SchemaOptions o, String table, String where) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(table) + " WHERE " + where)
                .get(0).get(0));
    }

    /** Every row of the other apps, table by table, as text. */
    private Map<String, String> otherApps(SchemaOptions o) {
        return dump(o, "app_id != '" + APP + "'");
    }

    private Map<String, String> everything(SchemaOptions o) {
        return dump(o, "1");
    }

    private Map<String, String> dump(SchemaOptions o, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TableLayout t : catalog.tables()) {
            out.put(t.name(), CLICKHOUSE.rows("SELECT * FROM " + o.qualified(t.name()) + " WHERE " + where
                    + " ORDER BY ALL").toString());
        }
        return out;
    }
}
