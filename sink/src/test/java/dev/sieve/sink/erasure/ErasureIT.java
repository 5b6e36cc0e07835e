package dev.sieve.sink.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.Exports;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.hold.LegalHolds;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.ErasureState;
import dev.sieve.sink.store.ErasureTask;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectAccess;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.io.StringWriter;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Erasure and subject access across raw and pseudonymous tables and key epochs, through the real engine. */
class ErasureIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Rows of the subject under both key epochs: one in the current epoch, one just before it began. */
    static final List<Instant> EVENT_TIMES = List.of(NOW.minus(Duration.ofDays(1)),
            TestKeys.EPOCH_2.minus(Duration.ofDays(1)));
    static final List<String> TABLES = List.of("service_device", "security_ip", "personalization_device",
            "analytics_device", "cross_service_service_log", "advertising_device");

    final TableCatalog catalog;
    final PurposeRows rows;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final EngineGateway gateway = new EngineGateway(CLICKHOUSE);
    final SubjectIdentifiers identifiers;

    ErasureIT() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        identifiers = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), clock);
    }

    private SchemaOptions migrateAndFill(String database) {
        SchemaOptions o = SchemaOptions.single(database);
        Migrations.statements(catalog, o).forEach(CLICKHOUSE::execute);
        BatchWriter writer = new BatchWriter(catalog, endpoints(o),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(), clock);
        for (String name : TABLES) {
            TableLayout t = catalog.table(name).orElseThrow();
            CLICKHOUSE.execute("SYSTEM STOP TTL MERGES " + o.qualified(name));
            List<org.apache.avro.generic.GenericRecord> batch = new ArrayList<>();
            int i = 0;
            for (String who : List.of("alice", "bob", "carol")) {
                for (Instant t0 : EVENT_TIMES) {
                    batch.add(rows.row(t, i++, t0, who + "-subject", who + "-device", "cn-north"));
                }
            }
            writer.write(Batches.of(catalog, t, 0, 0, batch, "cn-north"));
        }
        return o;
    }

    private Erasure erasure(SchemaOptions o) {
        return new Erasure(catalog, endpoints(o), identifiers, SinkMetrics.inMemory(), clock,
                Erasure.sweepDelay(catalog.policy()));
    }

    private RegionStores endpoints(SchemaOptions o) {
        return Stores.of(catalog, o, Map.of("cn-north", gateway));
    }

    @Test
    void erasureRemovesExactlyTheSubjectsRowsAcrossTablesAndKeyEpochs() {
        SchemaOptions o = migrateAndFill("sieve_erasure");
        Map<String, Long> before = counts(o);

        Map<String, Erasure.Outcome> outcome = erasure(o).erase(new ErasureTask("req-1",
                new Subject(Optional.of("alice-subject"), Optional.of("alice-device")), "dpo@example", NOW));

        assertThat(outcome).containsExactly(Map.entry("cn-north", Erasure.Outcome.COMPLETED));
        Map<String, Long> expected = new LinkedHashMap<>(before);
        // every table loses alice's two rows (both key epochs): each holds her subject or device, raw or as
        // its purpose's pseudonym (the advertising table by its device pseudonym)
        for (String t : TABLES) {
            expected.put(t, before.get(t) - 2);
        }
        assertThat(counts(o)).isEqualTo(expected);
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified("service_device")
                + " WHERE subject_id = 'alice-subject' OR device_id = 'alice-device'")).containsExactly(List.of("0"));
        assertThat(new ErasureStatus(endpoints(o)).of("req-1")).containsExactly(Map.entry("cn-north", Optional.of(
                new ErasureState("completed", NOW, List.of("service_device", "personalization_device",
                        "security_ip", "advertising_device", "analytics_device", "cross_service_service_log"), 12))));
        assertThat(CLICKHOUSE.rows("SELECT event FROM " + o.qualified("sink_erasure_audit") + " WHERE request_id = 'req-1'"
                + " ORDER BY event DESC")).containsExactly(List.of("requested"), List.of("completed"));
    }

    @Test
    void twoRegionsSharingOneServerEachEraseAndReportTheirOwnRows() {
        SchemaOptions o = migrateAndFill("sieve_erasure_shared");
        // cn-east's ClickHouse is the same server: its rows land in the same tables
        RegionStores shared = Stores.of(catalog, o, Map.of("cn-north", gateway, "cn-east", gateway));
        BatchWriter writer = new BatchWriter(catalog, shared, TestKeys.keyRings(catalog.policy()),
                new RecordingDeadLetters(), new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()),
                SinkMetrics.inMemory(), clock);
        for (String name : TABLES) {
            TableLayout t = catalog.table(name).orElseThrow();
            writer.write(Batches.of(catalog, t, 1, 0, List.of(rows.row(t, 100, NOW.minus(Duration.ofDays(1)),
                    "alice-subject", "alice-device", "cn-east")), "cn-east"));
        }

        Map<String, Erasure.Outcome> outcome = new Erasure(catalog, shared, identifiers, SinkMetrics.inMemory(),
                clock, Erasure.sweepDelay(catalog.policy())).erase(new ErasureTask("req-shared",
                new Subject(Optional.of("alice-subject"), Optional.of("alice-device")), "dpo@example", NOW));

        assertThat(outcome).containsOnly(Map.entry("cn-north", Erasure.Outcome.COMPLETED),
                Map.entry("cn-east", Erasure.Outcome.COMPLETED));
        Map<String, Optional<ErasureState>> status = new ErasureStatus(shared).of("req-shared");
        // cn-north stored alice's two rows per table (both key epochs), cn-east one
        assertThat(status.get("cn-north")).hasValueSatisfying(s -> assertThat(s.rowsDeleted()).isEqualTo(12));
        assertThat(status.get("cn-east")).hasValueSatisfying(s -> assertThat(s.rowsDeleted()).isEqualTo(6));
        assertThat(CLICKHOUSE.rows("SELECT region, event, rows_deleted FROM " + o.qualified("sink_erasure_audit")
                + " WHERE request_id = 'req-shared' AND event = 'completed' ORDER BY region"))
                .containsExactly(List.of("cn-east", "completed", "6"), List.of("cn-north", "completed", "12"));
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified("service_device")
                + " WHERE subject_id = 'alice-subject' OR device_id = 'alice-device'")).containsExactly(List.of("0"));
        // each region's follow-up sweep is its own
        assertThat(CLICKHOUSE.rows("SELECT region, kind FROM " + o.qualified("sink_erasure_pending")
                + " WHERE request_id = 'req-shared' ORDER BY region"))
                .containsExactly(List.of("cn-east", "sweep"), List.of("cn-north", "sweep"));
    }

    @Test
    void anAuditTableWithoutTheRegionColumnGetsItAndItsRowsCountForEveryRegion() {
        SchemaOptions o = SchemaOptions.single("sieve_erasure_legacy");
        CLICKHOUSE.execute("CREATE DATABASE IF NOT EXISTS " + o.database());
        // the audit table as sinks made it before it had a region column
        CLICKHOUSE.execute("CREATE TABLE " + o.qualified("sink_erasure_audit") + " (request_id String,"
                + " event LowCardinality(String), requested_by String, requested_at DateTime64(3, 'UTC'),"
                + " at DateTime64(3, 'UTC'), tables Array(String), rows_deleted UInt64, detail String)"
                + " ENGINE = MergeTree ORDER BY (request_id, at)");
        CLICKHOUSE.execute("INSERT INTO " + o.qualified("sink_erasure_audit") + " VALUES ('req-old', 'completed',"
                + " 'dpo@example', '2026-01-01 00:00:00', '2026-01-01 00:00:01', ['service_device'], 4, '')");

        Migrations.statements(catalog, o).forEach(CLICKHOUSE::execute);

        assertThat(new ErasureStatus(endpoints(o)).of("req-old").get("cn-north"))
                .hasValueSatisfying(s -> assertThat(s.rowsDeleted()).isEqualTo(4));
    }

    @Test
    void aHeldSubjectIsErasedOnlyOnceTheHoldIsLifted() {
        SchemaOptions o = migrateAndFill("sieve_erasure_held");
        Erasure erasure = erasure(o);
        LegalHolds holds = new LegalHolds(catalog, endpoints(o), identifiers, erasure, SinkMetrics.inMemory(), clock);
        Subject bob = new Subject(Optional.of("bob-subject"), Optional.of("bob-device"));
        holds.place("hold-bob", bob, "legal@example", "litigation");
        Map<String, Long> before = counts(o);

        assertThat(erasure.erase(new ErasureTask("req-bob", bob, "dpo@example", NOW)))
                .containsExactly(Map.entry("cn-north", Erasure.Outcome.DEFERRED));
        assertThat(counts(o)).isEqualTo(before);
        assertThat(new ErasureStatus(endpoints(o)).of("req-bob").get("cn-north")).hasValueSatisfying(s ->
                assertThat(s.event()).isEqualTo("deferred"));

        holds.lift("hold-bob", "legal@example", "case closed");

        assertThat(new ErasureStatus(endpoints(o)).of("req-bob").get("cn-north")).hasValueSatisfying(s -> {
            assertThat(s.event()).isEqualTo("completed");
            // lifting let the TTL catch up first: bob's older rows in tables kept under a year were past
            // retention and went with it; the erasure deleted the remaining 7
            assertThat(s.rowsDeleted()).isEqualTo(7);
        });
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified("service_device")
                + " WHERE subject_id = 'bob-subject'")).containsExactly(List.of("0"));
        assertThat(CLICKHOUSE.rows("SELECT kind FROM " + o.qualified("sink_erasure_pending")))
                .as("nothing deferred any more; one follow-up sweep scheduled").containsExactly(List.of("sweep"));
    }

    @Test
    void aRowThatArrivesAfterTheErasureIsRemovedByTheFollowUpSweep() {
        SchemaOptions o = migrateAndFill("sieve_erasure_sweep");
        Subject carol = new Subject(Optional.of("carol-subject"), Optional.of("carol-device"));
        erasure(o).erase(new ErasureTask("req-carol", carol, "dpo@example", NOW));
        // A record anonymize emitted before it saw the request, still in the purpose topic, lands afterwards.
        TableLayout analytics = catalog.table("analytics_device").orElseThrow();
        new BatchWriter(catalog, endpoints(o),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { },
                SinkMetrics.inMemory()), SinkMetrics.inMemory(), clock).write(Batches.of(catalog, analytics, 1, 0,
                List.of(rows.row(analytics, 99, NOW.minusSeconds(30), "carol-subject", "carol-device", "cn-north")),
                "cn-north"));
        assertThat(carolRows(o)).isEqualTo("1");

        Duration delay = Erasure.sweepDelay(catalog.policy());
        new Erasure(catalog, endpoints(o), identifiers, SinkMetrics.inMemory(),
                Clock.fixed(NOW.plus(delay).minusSeconds(1), ZoneOffset.UTC), delay).sweepDue();
        assertThat(carolRows(o)).as("not due yet").isEqualTo("1");

        new Erasure(catalog, endpoints(o), identifiers, SinkMetrics.inMemory(),
                Clock.fixed(NOW.plus(delay), ZoneOffset.UTC), delay).sweepDue();
        assertThat(carolRows(o)).isEqualTo("0");
        assertThat(CLICKHOUSE.rows("SELECT event, detail FROM " + o.qualified("sink_erasure_audit")
                + " WHERE request_id = 'req-carol' ORDER BY at, event DESC")).containsExactly(List.of("requested", ""),
                List.of("completed", ""), List.of("completed", "follow-up sweep"));
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified("sink_erasure_pending")))
                .as("a sweep runs once").containsExactly(List.of("0"));
    }

    @Test
    void theSubjectAsSomeoneElsesPeerIsRedactedAndTheirRowKept() {
        SchemaOptions o = migrateAndFill("sieve_erasure_peer");
        TableLayout calls = catalog.table("service_communication_log").orElseThrow();
        List<org.apache.avro.generic.GenericRecord> batch = new ArrayList<>();
        org.apache.avro.generic.GenericRecord bobCalledAlice = rows.row(calls, 1, NOW, "bob-subject", "bob-device",
                "cn-north");
        bobCalledAlice.put("peer_account", "alice-subject");
        org.apache.avro.generic.GenericRecord bobCalledCarol = rows.row(calls, 2, NOW, "bob-subject", "bob-device",
                "cn-north");
        bobCalledCarol.put("peer_account", "carol-subject");
        batch.add(bobCalledAlice);
        batch.add(bobCalledCarol);
        new BatchWriter(catalog, endpoints(o),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { },
                SinkMetrics.inMemory()), SinkMetrics.inMemory(), clock).write(Batches.of(catalog, calls, 0, 0, batch,
                "cn-north"));

        erasure(o).erase(new ErasureTask("req-peer", new Subject(Optional.of("alice-subject"), Optional.empty()),
                "dpo@example", NOW));

        assertThat(CLICKHOUSE.rows("SELECT subject_id, peer_account FROM " + o.qualified(calls.name())
                + " ORDER BY event_id")).containsExactly(List.of("bob-subject", Erasure.ERASED_PEER),
                List.of("bob-subject", "carol-subject"));
        assertThat(CLICKHOUSE.rows("SELECT detail FROM " + o.qualified("sink_erasure_audit")
                + " WHERE request_id = 'req-peer' AND event = 'completed'"))
                .containsExactly(List.of("1 peer_account values redacted"));
    }

    @Test
    void noStatementNorMutationNorSinkTableKeepsTheSubjectsIdentifiersOnceDone() throws Exception {
        SchemaOptions o = migrateAndFill("sieve_erasure_traces");
        TableLayout calls = catalog.table("service_communication_log").orElseThrow();
        org.apache.avro.generic.GenericRecord bobCalledAlice = rows.row(calls, 1, NOW, "bob-subject", "bob-device",
                "cn-north");
        bobCalledAlice.put("peer_account", "alice-subject");
        new BatchWriter(catalog, endpoints(o),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { },
                SinkMetrics.inMemory()), SinkMetrics.inMemory(), clock).write(Batches.of(catalog, calls, 0, 0,
                List.of(bobCalledAlice), "cn-north"));
        Subject alice = new Subject(Optional.of("alice-subject"), Optional.of("alice-device"));
        int before = gateway.statements().size();

        Erasure erasure = erasure(o);
        LegalHolds holds = new LegalHolds(catalog, endpoints(o), identifiers, erasure, SinkMetrics.inMemory(), clock);
        new SubjectAccess(catalog, endpoints(o), identifiers).exportTo(alice, Optional.empty(), new StringWriter());
        holds.place("hold-alice", alice, "legal@example", "litigation");
        assertThat(erasure.erase(new ErasureTask("req-alice", alice, "dpo@example", NOW)))
                .containsExactly(Map.entry("cn-north", Erasure.Outcome.DEFERRED));
        holds.lift("hold-alice", "legal@example", "case closed");
        Duration delay = Erasure.sweepDelay(catalog.policy());
        new Erasure(catalog, endpoints(o), identifiers, SinkMetrics.inMemory(),
                Clock.fixed(NOW.plus(delay), ZoneOffset.UTC), delay).sweepDue();

        assertThat(new ErasureStatus(endpoints(o)).of("req-alice").get("cn-north"))
                .hasValueSatisfying(s -> assertThat(s.event()).isEqualTo("completed"));
        java.util.Set<String> forms = identifiers.everyForm(alice);
        assertThat(forms).as("raw ids and pseudonyms of two key epochs").hasSizeGreaterThan(4);
        List<String> sent = gateway.statements().subList(before, gateway.statements().size());
        assertThat(sent).as("export, hold, erasure, lift, sweep").hasSizeGreaterThan(20);
        for (String form : forms) {
            assertThat(sent).noneMatch(sql -> sql.contains(form));
            // ClickHouse keeps every mutation's command, query parameters substituted: none may name the subject
            assertThat(CLICKHOUSE.rows("SELECT count() FROM system.mutations WHERE database = '" + o.database()
                    + "' AND position(command, '" + form + "') > 0")).containsExactly(List.of("0"));
        }
        for (String table : List.of("sink_subject_lookup", "sink_erasure_pending", "sink_legal_holds",
                "sink_legal_hold_identifiers")) {
            assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(table))).as(table)
                    .containsExactly(List.of("0"));
        }
    }

    /** The late row's count: its event id is {@code ev-<table>-<i>}. */
    private String carolRows(SchemaOptions o) {
        // analytics keeps its own pseudonym of the event id: PurposeRows makes it from "event_id-99"
        KeyRing ring = TestKeys.rings(catalog.policy()).get("analytics");
        String eventId = ring.pseudonymize("event_id-99", ring.keyAt(NOW.minusSeconds(30)));
        return CLICKHOUSE.rows("SELECT count() FROM " + o.qualified("analytics_device")
                + " WHERE event_id = '" + eventId + "'").get(0).get(0);
    }

    @Test
    void subjectAccessExportsEveryStoredRowOfTheSubject() throws Exception {
        SchemaOptions o = migrateAndFill("sieve_access");

        Map<String, List<String>> export = Exports.ofRegion(new SubjectAccess(catalog, endpoints(o), identifiers),
                new Subject(Optional.of("carol-subject"), Optional.empty()), "cn-north");

        // carol's subject id is stored raw in service and security tables, pseudonymized in personalization and
        // cross_service; analytics keeps only the device
        assertThat(export).containsOnlyKeys("service_device", "security_ip", "personalization_device",
                "cross_service_service_log");
        assertThat(export.get("service_device")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("\"subject_id\":\"carol-subject\""));
        assertThat(export.get("personalization_device")).hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("\"subject_id\":\"e1:"))
                .anySatisfy(l -> assertThat(l).contains("\"subject_id\":\"e2:"));
    }

    private Map<String, Long> counts(SchemaOptions o) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : TABLES) {
            out.put(t, Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(t)).get(0).get(0)));
        }
        return out;
    }
}
