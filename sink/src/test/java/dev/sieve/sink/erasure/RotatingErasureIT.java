package dev.sieve.sink.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import dev.sieve.schemas.pseudonym.RotatingPseudonyms;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.SinkTables;
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
import dev.sieve.sink.store.ErasureTask;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectAccess;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Erasure and subject access of analytics rows whose device pseudonyms rotate monthly, through the real engine:
 * rows of the live month are found by the subject's device under the live salt; rows of a month whose salt was
 * destroyed cannot be found any more (they are anonymous) and stay; a legal hold takes up the pseudonyms of salts
 * created after it was placed.
 */
class RotatingErasureIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Rotation.Period THIS_MONTH = Rotation.MONTH.periodOf(NOW);
    static final Rotation.Period LAST_MONTH = Rotation.MONTH.periodOf(THIS_MONTH.start().minusSeconds(1));
    static final String TABLE = "analytics_device";

    final TableCatalog catalog;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final EngineGateway gateway = new EngineGateway(CLICKHOUSE);
    final RotatingPseudonyms monthly = new RotatingPseudonyms("analytics", Rotation.MONTH);
    final PeriodSalt thisMonth = salt(THIS_MONTH, (byte) 1);
    final PeriodSalt nextMonth = salt(THIS_MONTH.next(), (byte) 2);
    /** Last month's salt as it was before the keeper destroyed it: rows were written under it. */
    final PeriodSalt destroyed = salt(LAST_MONTH, (byte) 3);
    /** What the salt topic holds now. */
    final RotatingSalts live = RotatingSalts.of(Map.of(key(thisMonth), thisMonth, key(nextMonth), nextMonth));
    final SubjectIdentifiers identifiers;

    RotatingErasureIT() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        identifiers = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), live, clock);
    }

    private RegionStores endpoints(SchemaOptions o) {
        return Stores.of(catalog, o, Map.of("cn-north", gateway));
    }

    @Test
    void erasureFindsTheLiveMonthsRowsAndTheDestroyedMonthsAreAnonymous() {
        SchemaOptions o = fill("sieve_rotating_erasure");
        assertThat(count(o, "alice-device", thisMonth)).isEqualTo(2);

        Map<String, Erasure.Outcome> outcome = new Erasure(catalog, endpoints(o), identifiers, SinkMetrics.inMemory(),
                clock, Erasure.sweepDelay(catalog.policy())).erase(new ErasureTask("req-rot",
                        new Subject(Optional.empty(), Optional.of("alice-device")), "dpo@example", NOW));

        assertThat(outcome).containsExactly(Map.entry("cn-north", Erasure.Outcome.COMPLETED));
        assertThat(count(o, "alice-device", thisMonth)).as("alice's rows of the live month").isZero();
        assertThat(count(o, "alice-device", destroyed)).as("alice's rows of the destroyed month").isEqualTo(2);
        assertThat(count(o, "bob-device", thisMonth)).as("bob's rows").isEqualTo(2);
    }

    @Test
    void subjectAccessExportsTheLiveMonthsRows() throws Exception {
        SchemaOptions o = fill("sieve_rotating_access");

        Map<String, List<String>> export = Exports.ofRegion(new SubjectAccess(catalog, endpoints(o), identifiers),
                new Subject(Optional.empty(), Optional.of("alice-device")), "cn-north");

        assertThat(export.get(TABLE)).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains("\"device_id\":\"" + monthly.pseudonymize("alice-device", RotatingSalts.key(thisMonth))));
    }

    @Test
    void aRefreshedHoldTakesUpTheSaltsCreatedSinceItWasPlaced() {
        SchemaOptions o = fill("sieve_rotating_hold");
        Map<String, PeriodSalt> topic = new HashMap<>(Map.of(key(thisMonth), thisMonth));
        RotatingSalts growing = new RotatingSalts() {
            @Override
            public Optional<PseudonymKey> salt(String purpose, String periodId) {
                return RotatingSalts.of(topic).salt(purpose, periodId);
            }

            @Override
            public List<PseudonymKey> live(String purpose) {
                return RotatingSalts.of(topic).live(purpose);
            }
        };
        SubjectIdentifiers ids = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), growing, clock);
        Erasure erasure = new Erasure(catalog, endpoints(o), ids, SinkMetrics.inMemory(), clock,
                Erasure.sweepDelay(catalog.policy()));
        LegalHolds holds = new LegalHolds(catalog, endpoints(o), ids, erasure, SinkMetrics.inMemory(), clock);
        holds.place("hold-alice", new Subject(Optional.empty(), Optional.of("alice-device")), "legal@example", "case");
        String next = monthly.pseudonymize("alice-device", RotatingSalts.key(nextMonth));
        assertThat(heldIdentifiers(o)).contains(monthly.pseudonymize("alice-device", RotatingSalts.key(thisMonth)))
                .doesNotContain(next);

        topic.put(key(nextMonth), nextMonth); // the keeper creates next month's salt
        holds.refresh();

        assertThat(heldIdentifiers(o)).contains(next);
    }

    private List<String> heldIdentifiers(SchemaOptions o) {
        return CLICKHOUSE.rows("SELECT identifier FROM " + o.qualified(SinkTables.HOLD_IDENTIFIERS)
                + " WHERE hold_id = 'hold-alice'").stream().map(r -> r.get(0)).toList();
    }

    /** Two rows each of alice and bob this month, and two of alice last month, under that month's salt. */
    private SchemaOptions fill(String database) {
        SchemaOptions o = SchemaOptions.single(database);
        Migrations.statements(catalog, o).forEach(CLICKHOUSE::execute);
        BatchWriter writer = new BatchWriter(catalog, endpoints(o),
                TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(), clock);
        TableLayout t = catalog.table(TABLE).orElseThrow();
        CLICKHOUSE.execute("SYSTEM STOP TTL MERGES " + o.qualified(TABLE));
        PurposeRows rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        List<GenericRecord> batch = new ArrayList<>();
        int i = 0;
        for (Object[] row : new Object[][] {{"alice-device", thisMonth}, {"bob-device", thisMonth},
                {"alice-device", destroyed}}) {
            PeriodSalt salt = (PeriodSalt) row[1];
            for (int n = 0; n < 2; n++) {
                GenericRecord r = rows.row(t, i++, NOW.minusSeconds(60L * i), "unused", (String) row[0], "cn-north");
                r.put("device_id", monthly.pseudonymize((String) row[0], RotatingSalts.key(salt)));
                batch.add(r);
            }
        }
        writer.write(Batches.of(catalog, t, 0, 0, batch, "cn-north"));
        return o;
    }

    private long count(SchemaOptions o, String device, PeriodSalt salt) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(TABLE) + " WHERE device_id = '"
                + monthly.pseudonymize(device, RotatingSalts.key(salt)) + "'").get(0).get(0));
    }

    private static PeriodSalt salt(Rotation.Period period, byte fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, fill);
        return PeriodSalt.newBuilder().setPurpose("analytics").setPeriod(period.id()).setStartsAt(period.start())
                .setEndsAt(period.end()).setSalt(ByteBuffer.wrap(bytes)).setCreatedAt(Instant.EPOCH).build();
    }

    private static String key(PeriodSalt salt) {
        return Topics.saltKey(salt.getPurpose(), salt.getPeriod());
    }
}
