package dev.sieve.sink.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.fixture.PurposeRows;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.RecordingTopicRetention;
import dev.sieve.sink.fixture.Stores;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.retention.RetentionChanger;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.SubjectRows;
import dev.sieve.sink.subject.Subject;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.testsupport.ClickHouseEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TTL retention, legal holds and retention changes, enforced by the real ClickHouse engine. */
class RetentionAndHoldsIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    /** Real time: ClickHouse evaluates TTLs against its own clock. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    final TableCatalog catalog;
    final PurposeRows rows;
    final EngineGateway gateway = new EngineGateway(CLICKHOUSE);
    final SubjectIdentifiers identifiers;

    RetentionAndHoldsIT() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        rows = new PurposeRows(TestKeys.rings(catalog.policy()));
        identifiers = new SubjectIdentifiers(catalog, TestKeys.rings(catalog.policy()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private SchemaOptions migrate(String database) {
        SchemaOptions o = SchemaOptions.single(database);
        Migrations.statements(catalog, o).forEach(CLICKHOUSE::execute);
        return o;
    }

    private LegalHolds holds(SchemaOptions o) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new LegalHolds(catalog, endpoints(o), identifiers,
                new Erasure(catalog, endpoints(o), identifiers, SinkMetrics.inMemory(), clock,
                Erasure.sweepDelay(catalog.policy())), SinkMetrics.inMemory(),
                clock);
    }

    /** Writes rows as the sink does, its clock at {@code ingestedAt}. */
    private void write(SchemaOptions o, TableLayout t, Instant ingestedAt, Instant eventTime, String subject,
            String device, long offset) {
        new BatchWriter(catalog, endpoints(o), TestKeys.keyRings(catalog.policy()), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.fixed(ingestedAt, ZoneOffset.UTC))
                .write(Batches.of(catalog, t, 0, offset, List.of(rows.row(t, (int) offset, eventTime, subject, device,
                        "cn-north")), "cn-north"));
    }

    private RegionStores endpoints(SchemaOptions o) {
        return Stores.of(catalog, o, Map.of("cn-north", gateway));
    }

    @Test
    void rowsPastTheirTtlGoAtTheNextMergeWhileYoungerAndHeldRowsStay() throws Exception {
        SchemaOptions o = migrate("sieve_ttl");
        holds(o).place("hold-1", new Subject(Optional.of("held-subject"), Optional.of("held-device")), "legal@example",
                "litigation 42");
        TableLayout raw = catalog.table("security_device").orElseThrow();           // 180 days, event time
        TableLayout pseudonymous = catalog.table("analytics_communication_log").orElseThrow(); // 365 days, no event time
        for (TableLayout t : List.of(raw, pseudonymous)) {
            CLICKHOUSE.execute("SYSTEM STOP TTL MERGES " + o.qualified(t.name()));
        }
        Instant old = NOW.minus(Duration.ofDays(400));
        write(o, raw, NOW, old, "old-subject", "old-device", 1);
        write(o, raw, NOW, old, "held-subject", "other-device", 2);
        write(o, raw, NOW, NOW.minus(Duration.ofDays(1)), "young-subject", "young-device", 3);
        // a device clock years ahead does not make a row immortal: the TTL takes the earlier of the two times
        write(o, raw, old, NOW.plus(Duration.ofDays(3650)), "future-subject", "future-device", 4);
        write(o, pseudonymous, old, NOW, "s", "old-device", 5);
        write(o, pseudonymous, old, NOW, "s", "held-device", 6);
        write(o, pseudonymous, NOW, NOW, "s", "young-device", 7);
        assertThat(count(o, raw)).isEqualTo(4);
        assertThat(count(o, pseudonymous)).isEqualTo(3);

        for (TableLayout t : List.of(raw, pseudonymous)) {
            CLICKHOUSE.execute("SYSTEM START TTL MERGES " + o.qualified(t.name()));
            CLICKHOUSE.execute("OPTIMIZE TABLE " + o.qualified(t.name()) + " FINAL");
        }

        assertThat(CLICKHOUSE.rows("SELECT subject_id FROM " + o.qualified(raw.name()) + " ORDER BY subject_id"))
                .containsExactly(List.of("held-subject"), List.of("young-subject"));
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(pseudonymous.name()))).containsExactly(List.of("2"));
        try (SubjectRows held = endpoints(o).forRegion("cn-north").orElseThrow().find(
                new Subject(Optional.empty(), Optional.of("held-device")), identifiers)) {
            assertThat(held.export(pseudonymous, Optional.empty(), row -> { })).isEqualTo(1);
        }

        holds(o).lift("hold-1", "legal@example", "case closed");

        assertThat(CLICKHOUSE.rows("SELECT subject_id FROM " + o.qualified(raw.name()))).containsExactly(
                List.of("young-subject"));
        assertThat(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(pseudonymous.name()))).containsExactly(List.of("1"));
        assertThat(CLICKHOUSE.rows("SELECT hold_id, event, actor, reason FROM " + o.qualified("sink_legal_hold_audit")
                + " ORDER BY at, event DESC")).containsExactly(
                List.of("hold-1", "placed", "legal@example", "litigation 42"),
                List.of("hold-1", "lifted", "legal@example", "case closed"));
    }

    @Test
    void aRetentionChangeModifiesTheTtlAndTheTopicAndIsAudited() {
        SchemaOptions o = migrate("sieve_retention");
        RecordingTopicRetention topics = new RecordingTopicRetention();
        RetentionChanger changer = new RetentionChanger(catalog, endpoints(o), topics, SinkMetrics.inMemory(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Instant changedAt = Instant.parse("2026-11-02T09:30:00Z");

        assertThat(changer.apply(new RetentionChange("security_device", 10, "ops@example", changedAt, "audit finding")))
                .isEmpty();
        assertThat(changer.apply(new RetentionChange("security_device", 2, "ops@example", changedAt, null))).isEmpty();

        assertThat(showCreate(o, "security_device")).contains("TTL toDateTime(least(event_time, _ingested_at))"
                + " + toIntervalDay(2) WHERE (ifNull(subject_id, '') NOT IN (");
        assertThat(topics.current("sieve.purpose.security.device")).contains(Duration.ofDays(2));
        assertThat(CLICKHOUSE.rows("SELECT table_name, outcome, old_retention, new_retention, topic_retention_ms,"
                + " changed_by, changed_at, detail FROM " + o.qualified("sink_retention_audit") + " ORDER BY topic_retention_ms DESC"))
                .containsExactly(
                        List.of("security_device", "applied", "180d", "10d", "259200000", "ops@example",
                                "2026-11-02 09:30:00.000", "audit finding"),
                        List.of("security_device", "applied", "10d", "2d", "172800000", "ops@example",
                                "2026-11-02 09:30:00.000", ""));
    }

    @Test
    void aRetentionBeyondThePolicyMaximumIsRejectedAndAudited() {
        SchemaOptions o = migrate("sieve_retention_max");
        RecordingTopicRetention topics = new RecordingTopicRetention();
        RetentionChanger changer = new RetentionChanger(catalog, endpoints(o), topics, SinkMetrics.inMemory(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String before = showCreate(o, "analytics_device");

        var rejection = changer.apply(new RetentionChange("analytics_device", 400, "ops@example", NOW, null));

        assertThat(rejection).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(DeadLetterReason.RETENTION_ABOVE_MAX);
            assertThat(r.detail()).isEqualTo("retention of analytics_device cannot be 400d: the policy's"
                    + " max_retention is 395d");
        });
        assertThat(showCreate(o, "analytics_device")).isEqualTo(before);
        assertThat(topics.current("sieve.purpose.analytics.device")).isEmpty();
        assertThat(CLICKHOUSE.rows("SELECT outcome, new_retention, detail FROM " + o.qualified("sink_retention_audit")))
                .containsExactly(List.of("rejected", "400d", "retention of analytics_device cannot be 400d: the"
                        + " policy's max_retention is 395d"));
    }

    private static String showCreate(SchemaOptions o, String table) {
        return CLICKHOUSE.rows("SHOW CREATE TABLE " + o.qualified(table)).get(0).get(0);
    }

    private static long count(SchemaOptions o, TableLayout t) {
        return Long.parseLong(CLICKHOUSE.rows("SELECT count() FROM " + o.qualified(t.name())).get(0).get(0));
    }
}
