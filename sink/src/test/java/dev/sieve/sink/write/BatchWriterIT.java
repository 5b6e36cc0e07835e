package dev.sieve.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sink.clickhouse.InsertRequest;
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
import dev.sieve.testsupport.ClickHouseEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer's exact statements and RowBinary payloads, stored by the real ClickHouse engine. */
class BatchWriterIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    /** Real time: ClickHouse applies TTLs against its own clock, even while inserting. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    static TableCatalog catalog;
    static Map<String, KeyRing> rings;
    static PurposeRows rows;

    @BeforeAll
    static void migrate() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        rings = TestKeys.rings(catalog.policy());
        rows = new PurposeRows(rings);
    }

    /** Each test its own database, so counts do not depend on test order. */
    private static SchemaOptions migrate(String database) {
        SchemaOptions options = SchemaOptions.single(database);
        Migrations.statements(catalog, options).forEach(CLICKHOUSE::execute);
        return options;
    }

    private static BatchWriter writer(SchemaOptions options, EngineGateway gateway, RecordingDeadLetters dlq) {
        return new BatchWriter(catalog, Stores.of(catalog, options, Map.of("cn-north", gateway)),
                TestKeys.keyRings(catalog.policy()), dlq,
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void everyTableOfTheDefaultPolicyStoresTheWritersPayload() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        EngineGateway gateway = new EngineGateway(CLICKHOUSE);
        RecordingDeadLetters dlq = new RecordingDeadLetters();
        BatchWriter writer = writer(o, gateway, dlq);
        for (TableLayout t : catalog.tables()) {
            List<GenericRecord> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batch.add(rows.row(t, i, NOW.minus(Duration.ofHours(i)), "subject-" + i, "device-" + i, "cn-north"));
            }
            writer.write(Batches.of(catalog, t, 0, 100, batch, "cn-north"));
        }

        assertThat(dlq.sent()).isEmpty();
        for (TableLayout t : catalog.tables()) {
            assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(t.name()))).as(t.name())
                    .containsExactly(List.of("3"));
        }
        InsertRequest ip = gateway.inserts().stream().filter(r -> r.table().equals(o.qualified("analytics_ip")))
                .findFirst().orElseThrow();
        assertThat(ip.sql()).isEqualTo("INSERT INTO " + o.qualified("analytics_ip") + " (event_id, event_time, app_id, region,"
                + " device_id, ip_address, geo_country, connection_type, _ingested_at ) FORMAT RowBinary");
        assertThat(ip.settings()).containsExactly(
                Map.entry("insert_deduplication_token", "sieve-sink:sieve.purpose.analytics.ip:0:100-102:cn-north"),
                Map.entry("async_insert", "0"));
        assertThat(CLICKHOUSE.rows("SELECT ip_address, event_time, _ingested_at, device_id LIKE 'e2:%'"
                + " FROM " + o.qualified("analytics_ip") + " ORDER BY event_time")).containsExactly(
                List.of("::ffff:203.0.113.0", time(NOW.minus(Duration.ofHours(2))), time(NOW), "1"),
                List.of("2001:db8:85a3::", time(NOW.minus(Duration.ofHours(1))), time(NOW), "1"),
                List.of("::ffff:203.0.113.0", time(NOW), time(NOW), "1"));
        assertThat(CLICKHOUSE.rows("SELECT other_software, subject_id FROM " + o.qualified("security_software")
                + " ORDER BY subject_id LIMIT 1")).containsExactly(List.of("['app-0','app-x']", "subject-0"));
    }

    @Test
    void aNonRawTableStoresAnHoursRowsInAnOrderOfItsOwnAndItsInsertTimeToTheHour() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        TableLayout personalization = catalog.table("personalization_device").orElseThrow();
        TableLayout service = catalog.table("service_device").orElseThrow();
        Instant insertedAt = NOW.plus(Duration.ofMinutes(17)).plusMillis(345);
        BatchWriter writer = new BatchWriter(catalog, Stores.of(catalog, o, Map.of("cn-north", new EngineGateway(CLICKHOUSE))), TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.fixed(insertedAt, ZoneOffset.UTC));
        List<GenericRecord> pseudonymous = new ArrayList<>();
        List<GenericRecord> raw = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // one app, one hour: equal sorting keys, in Kafka order
            pseudonymous.add(rows.row(personalization, i * 3, NOW, "s-" + i, "d-" + i, "cn-north"));
            raw.add(rows.row(service, i * 3, NOW, "s-" + i, "d-" + i, "cn-north"));
        }
        List<String> kafkaOrder = pseudonymous.stream().map(r -> r.get("event_id").toString()).toList();

        writer.write(Batches.of(catalog, personalization, 0, 0, pseudonymous, "cn-north"));
        writer.write(Batches.of(catalog, service, 0, 0, raw, "cn-north"));

        List<String> stored = CLICKHOUSE.rows("SELECT event_id FROM " + o.qualified(personalization.name()))
                .stream().map(r -> r.get(0)).toList();
        assertThat(stored).as("stored by the purpose's own event pseudonym").isSorted()
                .containsExactlyInAnyOrderElementsOf(kafkaOrder).isNotEqualTo(kafkaOrder);
        assertThat(CLICKHOUSE.rows("SELECT DISTINCT _ingested_at FROM " + o.qualified(personalization.name())))
                .containsExactly(List.of(time(NOW)));
        assertThat(CLICKHOUSE.rows("SELECT DISTINCT _ingested_at FROM " + o.qualified(service.name())))
                .containsExactly(List.of(time(insertedAt)));
    }

    @Test
    void aReplayedBatchIsDroppedByItsDeduplicationToken() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        TableLayout t = catalog.table("personalization_device").orElseThrow();
        List<GenericRecord> batch = List.of(
                rows.row(t, 1, NOW, "s-1", "d-1", "cn-north"), rows.row(t, 2, NOW, "s-2", "d-2", "cn-north"));
        BatchWriter writer = writer(o, new EngineGateway(CLICKHOUSE), new RecordingDeadLetters());
        long before = count(o, t);

        writer.write(Batches.of(catalog, t, 1, 500, batch, "cn-north"));
        writer.write(Batches.of(catalog, t, 1, 500, batch, "cn-north"));

        assertThat(count(o, t)).isEqualTo(before + 2);
    }

    @Test
    void rowsClickHouseRejectsAreIsolatedAndDeadLetteredWithTheRedactedServerError() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        TableLayout t = catalog.table("analytics_device").orElseThrow();
        List<GenericRecord> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(rows.row(t, i, NOW, "s", "device-" + i, "cn-north"));
        }
        // an anonymize bug: the raw device id where the pseudonym belongs
        batch.set(3, new GenericRecordBuilder((org.apache.avro.generic.GenericData.Record) batch.get(3))
                .set("device_id", "raw-device-3").build());
        RecordingDeadLetters dlq = new RecordingDeadLetters();
        EngineGateway gateway = new EngineGateway(CLICKHOUSE);
        long before = count(o, t);

        writer(o, gateway, dlq).write(Batches.of(catalog, t, 2, 40, batch, "cn-north"));

        assertThat(count(o, t)).isEqualTo(before + 4);
        assertThat(dlq.sent()).hasSize(1);
        DeadLetter letter = dlq.sent().get(0);
        assertThat(letter.reason()).isEqualTo(DeadLetterReason.REJECTED_BY_CLICKHOUSE);
        assertThat(letter.appId()).contains("app-0");
        assertThat(letter.detail()).matches("Code: 469\\. DB::Exception: Constraint `device_id_is_pseudonym` for table"
                + " " + o.database() + "\\.analytics_device \\([0-9a-f-]+\\) is violated at row 1\\. Expression:"
                + " \\(isNull\\(device_id\\) OR match\\(device_id, '\\?'\\)\\)\\. Column values: <redacted>\\."
                + " \\(VIOLATED_CONSTRAINT\\)");
        assertThat(letter.detail()).doesNotContain("raw-device-3");
        assertThat(gateway.inserts()).extracting(r -> r.settings().get("insert_deduplication_token")).containsExactly(
                "sieve-sink:sieve.purpose.analytics.device:2:40-44:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:2:40-41:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:2:42-44:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:2:42-42:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:2:43-44:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:2:43-43:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:2:44-44:cn-north");
    }

    @Test
    void aRegionWithoutEndpointIsDeadLetteredNeverWrittenElsewhere() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        TableLayout t = catalog.table("service_device").orElseThrow();
        RecordingDeadLetters dlq = new RecordingDeadLetters();
        long before = count(o, t);

        writer(o, new EngineGateway(CLICKHOUSE), dlq).write(Batches.of(catalog, t, 0, 7,
                List.of(rows.row(t, 1, NOW, "s", "d", "cn-east")), "cn-east"));

        assertThat(count(o, t)).isEqualTo(before);
        assertThat(dlq.sent()).extracting(DeadLetter::reason, DeadLetter::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DeadLetterReason.REGION_UNROUTABLE,
                        "no ClickHouse endpoint is configured for region cn-east"));
    }

    @Test
    void twoRegionsOnOneEndpointAreStoredByOneInsertAndItsReplayStoresNothingTwice() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        TableLayout t = catalog.table("analytics_device").orElseThrow();
        EngineGateway shared = new EngineGateway(CLICKHOUSE);
        BatchWriter writer = writer(o, Map.of("cn-north", shared, "cn-east", shared), new RecordingDeadLetters());
        PartitionBatch batch = mixed(t, 3, 60, List.of("cn-north", "cn-east", "cn-north", "cn-east", "cn-north"));
        long before = insertStatements();

        writer.write(batch);

        assertThat(insertStatements() - before).as("insert statements the engine ran").isEqualTo(1);
        assertThat(shared.inserts()).singleElement().extracting(r -> r.settings().get("insert_deduplication_token"))
                .isEqualTo("sieve-sink:sieve.purpose.analytics.device:3:60-64:cn-east+cn-north");
        assertThat(countByRegion(o, t)).containsExactly(List.of("cn-east", "2"), List.of("cn-north", "3"));

        writer.write(batch);

        assertThat(insertStatements() - before).as("the replay is one statement too").isEqualTo(2);
        assertThat(countByRegion(o, t)).containsExactly(List.of("cn-east", "2"), List.of("cn-north", "3"));
    }

    @Test
    void twoRegionsWithAnEndpointEachAreStoredByAnInsertEachAndTheirReplaysStoreNothingTwice() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        TableLayout t = catalog.table("analytics_device").orElseThrow();
        // Two gateways stand for two ClickHouses; on the one engine here their tables happen to be the same.
        EngineGateway north = new EngineGateway(CLICKHOUSE);
        EngineGateway east = new EngineGateway(CLICKHOUSE);
        BatchWriter writer = writer(o, Map.of("cn-north", north, "cn-east", east), new RecordingDeadLetters());
        PartitionBatch batch = mixed(t, 3, 60, List.of("cn-north", "cn-east", "cn-north", "cn-east", "cn-north"));
        long before = insertStatements();

        writer.write(batch);
        writer.write(batch);

        assertThat(insertStatements() - before).as("insert statements the engine ran").isEqualTo(4);
        assertThat(north.inserts()).extracting(r -> r.settings().get("insert_deduplication_token")).containsExactly(
                "sieve-sink:sieve.purpose.analytics.device:3:60-64:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:3:60-64:cn-north");
        assertThat(east.inserts()).extracting(r -> r.settings().get("insert_deduplication_token")).containsExactly(
                "sieve-sink:sieve.purpose.analytics.device:3:61-63:cn-east",
                "sieve-sink:sieve.purpose.analytics.device:3:61-63:cn-east");
        assertThat(countByRegion(o, t)).containsExactly(List.of("cn-east", "2"), List.of("cn-north", "3"));
    }

    @Test
    void aRowRejectedInAnInsertTwoRegionsShareIsIsolatedAndTheOthersOfBothRegionsStored() {
        SchemaOptions o = migrate("sieve_" + Long.toHexString(System.nanoTime()));
        TableLayout t = catalog.table("analytics_device").orElseThrow();
        List<String> regions = List.of("cn-north", "cn-east", "cn-north", "cn-east");
        List<GenericRecord> rows = records(t, regions);
        rows.set(1, new GenericRecordBuilder((org.apache.avro.generic.GenericData.Record) rows.get(1))
                .set("device_id", "raw-device-1").build());
        EngineGateway shared = new EngineGateway(CLICKHOUSE);
        RecordingDeadLetters dlq = new RecordingDeadLetters();

        writer(o, Map.of("cn-north", shared, "cn-east", shared), dlq)
                .write(Batches.ofRegions(catalog, t, 4, 0, rows, regions));

        assertThat(dlq.sent()).extracting(DeadLetter::reason).containsExactly(DeadLetterReason.REJECTED_BY_CLICKHOUSE);
        assertThat(countByRegion(o, t)).containsExactly(List.of("cn-east", "1"), List.of("cn-north", "2"));
        assertThat(shared.inserts()).extracting(r -> r.settings().get("insert_deduplication_token")).containsExactly(
                "sieve-sink:sieve.purpose.analytics.device:4:0-3:cn-east+cn-north",
                "sieve-sink:sieve.purpose.analytics.device:4:0-1:cn-east+cn-north",
                "sieve-sink:sieve.purpose.analytics.device:4:0-0:cn-north",
                "sieve-sink:sieve.purpose.analytics.device:4:1-1:cn-east",
                "sieve-sink:sieve.purpose.analytics.device:4:2-3:cn-east+cn-north");
    }

    /** The regions' stores over the gateways: regions given the same gateway share an endpoint. */
    private static BatchWriter writer(SchemaOptions options, Map<String, EngineGateway> byRegion,
            RecordingDeadLetters dlq) {
        Map<String, EngineGateway> ordered = new LinkedHashMap<>(new TreeMap<>(byRegion));
        return new BatchWriter(catalog, Stores.of(catalog, options, ordered), TestKeys.keyRings(catalog.policy()), dlq,
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<GenericRecord> records(TableLayout t, List<String> regions) {
        List<GenericRecord> out = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            out.add(rows.row(t, i, NOW, "s-" + i, "d-" + i, regions.get(i)));
        }
        return out;
    }

    private static PartitionBatch mixed(TableLayout t, int partition, long firstOffset, List<String> regions) {
        return Batches.ofRegions(catalog, t, partition, firstOffset, records(t, regions), regions);
    }

    /** Insert statements the engine ran since it started, by its own count. */
    private static long insertStatements() {
        List<List<String>> rows = CLICKHOUSE.rows("SELECT value FROM system.events WHERE event = 'InsertQuery'");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    private static List<List<String>> countByRegion(SchemaOptions o, TableLayout t) {
        return CLICKHOUSE.rows("SELECT region, count() FROM " + o.qualified(t.name()) + " GROUP BY region ORDER BY region");
    }

    private static String time(Instant t) {
        return CLICKHOUSE_TIME.format(t);
    }

    private static long count(SchemaOptions o, TableLayout t) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(t.name())).get(0).get(0));
    }
}
