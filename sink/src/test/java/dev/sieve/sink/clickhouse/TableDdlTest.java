package dev.sieve.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableDdlTest {

    private final TableCatalog catalog;

    TableDdlTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
    }

    @Test
    void createsAMergeTreeTablePartitionedByMonthWithTheRetentionAsTtl() {
        TableLayout surveys = catalog.table("surveys_device").orElseThrow();

        assertThat(TableDdl.create(surveys, SchemaOptions.single("sieve"))).containsExactly("""
                CREATE TABLE IF NOT EXISTS sieve.surveys_device
                (
                    event_id String,
                    event_time DateTime64(3, 'UTC'),
                    app_id LowCardinality(String),
                    region LowCardinality(String),
                    subject_id Nullable(String),
                    device_class LowCardinality(Nullable(String)),
                    _ingested_at DateTime64(3, 'UTC')
                )
                ENGINE = MergeTree
                PARTITION BY toYYYYMM(event_time)
                ORDER BY (app_id, event_time)
                TTL toDateTime(least(event_time, _ingested_at)) + INTERVAL 30 DAY DELETE WHERE ifNull(subject_id, '') \
                NOT IN (SELECT identifier FROM sieve.sink_legal_hold_identifiers)
                SETTINGS non_replicated_deduplication_window = 10000""");
    }

    @Test
    void aNonRawTableStoresItsInsertTimeToTheHourAndARawTableExactly() {
        Instant insert = Instant.parse("2026-12-05T13:47:12.345Z");

        assertThat(catalog.table("analytics_communication_log").orElseThrow().ingestedAt(insert))
                .isEqualTo(Instant.parse("2026-12-05T13:00:00Z"));
        assertThat(catalog.table("service_communication_log").orElseThrow().ingestedAt(insert)).isEqualTo(insert);
    }

    @Test
    void evolutionOnlyAddsColumnsAndConstraintsInPolicyOrder() {
        TableLayout ads = catalog.table("ad_measurement_device").orElseThrow();

        assertThat(TableDdl.evolve(ads, SchemaOptions.single("sieve"))).containsExactly("""
                ALTER TABLE sieve.ad_measurement_device
                    ADD COLUMN IF NOT EXISTS event_id String FIRST,
                    ADD COLUMN IF NOT EXISTS event_time DateTime64(3, 'UTC') AFTER event_id,
                    ADD COLUMN IF NOT EXISTS app_id LowCardinality(String) AFTER event_time,
                    ADD COLUMN IF NOT EXISTS region LowCardinality(String) AFTER app_id,
                    ADD COLUMN IF NOT EXISTS device_id Nullable(String) AFTER region,
                    ADD COLUMN IF NOT EXISTS advertising_id Nullable(String) AFTER device_id,
                    ADD COLUMN IF NOT EXISTS geo_country LowCardinality(Nullable(String)) AFTER advertising_id,
                    ADD COLUMN IF NOT EXISTS _ingested_at DateTime64(3, 'UTC') AFTER geo_country,
                    ADD CONSTRAINT IF NOT EXISTS event_id_is_pseudonym CHECK \
                match(event_id, '^[A-Za-z0-9-]{1,16}:[A-Za-z0-9_-]{43}$'),
                    ADD CONSTRAINT IF NOT EXISTS device_id_is_pseudonym CHECK isNull(device_id) OR \
                match(device_id, '^[A-Za-z0-9-]{1,16}:[A-Za-z0-9_-]{43}$'),
                    ADD CONSTRAINT IF NOT EXISTS advertising_id_is_pseudonym CHECK isNull(advertising_id) OR \
                match(advertising_id, '^[A-Za-z0-9-]{1,16}:[A-Za-z0-9_-]{43}$')""");
    }

    @Test
    void clusterModeReplicatesAndDistributes() {
        TableLayout surveys = catalog.table("surveys_device").orElseThrow();

        List<String> ddl = TableDdl.create(surveys, new SchemaOptions("sieve", Optional.of("main")));

        assertThat(ddl.get(0)).startsWith("CREATE TABLE IF NOT EXISTS sieve.surveys_device_local ON CLUSTER main\n")
                .contains("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')")
                .endsWith("SETTINGS replicated_deduplication_window = 10000");
        assertThat(ddl.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS sieve.surveys_device ON CLUSTER main AS"
                + " sieve.surveys_device_local\nENGINE = Distributed(main, sieve, surveys_device_local,"
                + " cityHash64(event_id))");
    }

    @Test
    void retentionBecomesDaysOrHoursAndIsReadBack() {
        assertThat(RetentionTtl.interval(Duration.ofDays(30))).isEqualTo("INTERVAL 30 DAY");
        assertThat(RetentionTtl.interval(Duration.ofHours(36))).isEqualTo("INTERVAL 36 HOUR");
        assertThat(RetentionTtl.parse("... ORDER BY x TTL toDateTime(least(a, b)) + toIntervalDay(180) WHERE y"))
                .contains(Duration.ofDays(180));
        assertThat(RetentionTtl.parse("... TTL toDateTime(_ingested_at) + toIntervalHour(12) SETTINGS"))
                .contains(Duration.ofHours(12));
        assertThat(RetentionTtl.parse("CREATE TABLE t (a String) ENGINE = MergeTree ORDER BY a")).isEmpty();
    }
}
