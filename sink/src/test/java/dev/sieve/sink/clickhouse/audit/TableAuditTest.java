package dev.sieve.sink.clickhouse.audit;

import static dev.sieve.sink.clickhouse.audit.MigratedState.REGION;
import static dev.sieve.sink.clickhouse.audit.MigratedState.with;
import static dev.sieve.sink.clickhouse.audit.MigratedState.withColumns;
import static dev.sieve.sink.clickhouse.audit.MigratedState.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableAuditTest {

    static final SchemaOptions SINGLE = SchemaOptions.single("sieve");
    static final String DEVICE_CHECK = "CONSTRAINT device_id_is_pseudonym CHECK isNull(device_id) OR match(device_id,"
            + " '^[A-Za-z0-9-]{1,16}:[A-Za-z0-9_-]{43}$')";

    final TableCatalog catalog;
    final List<LiveTable> migrated;

    TableAuditTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        migrated = MigratedState.tables(catalog, SINGLE);
    }

    List<String> audit(List<LiveTable> live) {
        return TableAudit.check(catalog, SINGLE, REGION, live).stream().map(Finding::line).toList();
    }

    @Test
    void aDatabaseTheMigrationsBuiltHasNoDrift() {
        assertThat(audit(migrated)).isEmpty();
    }

    @Test
    void aRawIdentifierInAPseudonymousPurposesTableIsAPrivacyDrift() {
        List<LiveTable> live = with(migrated, "analytics_device", t -> withColumns(t, plus(t.columns(),
                new LiveTable.Column("subject_id", "String"))));

        assertThat(audit(live)).containsExactly("DRIFT privacy cn-north sieve.analytics_device.subject_id: column the"
                + " policy does not allow (direct identifier in a pseudonymous purpose's table): live String, policy none");
    }

    @Test
    void aColumnOfNonPersonalDataThePolicyDropsIsAnError() {
        List<LiveTable> live = with(migrated, "service_device", t -> withColumns(t, plus(t.columns(),
                new LiveTable.Column("battery_level", "Nullable(Int32)"), new LiveTable.Column("scratch", "String"))));

        assertThat(audit(live)).containsExactly(
                "DRIFT error cn-north sieve.service_device.battery_level: column the policy does not have: live"
                        + " Nullable(Int32), policy none",
                "DRIFT error cn-north sieve.service_device.scratch: column the policy does not have: live String,"
                        + " policy none");
    }

    @Test
    void aMissingColumnAndAColumnOfAnotherType() {
        List<LiveTable> live = with(migrated, "personalization_device", t -> withColumns(t, t.columns().stream()
                .filter(c -> !c.name().equals("os_name")).toList()));
        live = with(live, "product_improvement_device", t -> withColumns(t, t.columns().stream()
                .map(c -> c.name().equals("os_name") ? new LiveTable.Column("os_name", "String") : c).toList()));

        assertThat(audit(live)).containsExactly(
                "DRIFT error cn-north sieve.personalization_device.os_name: column missing: live none, policy"
                        + " LowCardinality(String)",
                "DRIFT error cn-north sieve.product_improvement_device.os_name: type differs: live String, policy"
                        + " LowCardinality(String)");
    }

    @Test
    void aPseudonymColumnWithoutItsCheckOrWithAWeakerOneIsAPrivacyDrift() {
        List<LiveTable> live = with(migrated, "analytics_ip", t -> withQuery(t, t.createTableQuery()
                .replace(", " + DEVICE_CHECK, "")));
        live = with(live, "analytics_device", t -> withQuery(t, t.createTableQuery()
                .replace(DEVICE_CHECK, DEVICE_CHECK + " OR 1")));

        assertThat(audit(live)).containsExactly(
                "DRIFT privacy cn-north sieve.analytics_device.device_id: CHECK constraint device_id_is_pseudonym"
                        + " differs from the policy's: it may let raw identifiers in",
                "DRIFT privacy cn-north sieve.analytics_ip.device_id: pseudonym column without its CHECK constraint"
                        + " device_id_is_pseudonym: a raw identifier would be stored");
    }

    @Test
    void missingPurposeAndSinkTables() {
        List<LiveTable> live = migrated.stream().filter(t -> !t.name().equals("surveys_device")
                && !t.name().equals("sink_legal_hold_identifiers")).toList();

        assertThat(audit(live)).containsExactly(
                "DRIFT error cn-north sieve.surveys_device: table missing",
                "DRIFT error cn-north sieve.sink_legal_hold_identifiers: sink table missing (legal holds and audit"
                        + " trails need it)");
    }

    @Test
    void aTableThePolicyDoesNotHaveIsAPrivacyDriftWhileItHoldsRows() {
        List<LiveTable> live = new ArrayList<>(migrated);
        live.add(new LiveTable("old_purpose_device", "MergeTree", Optional.of(12L), "CREATE TABLE sieve.old", List.of()));
        live.add(new LiveTable("scratch", "MergeTree", Optional.of(0L), "CREATE TABLE sieve.scratch", List.of()));
        live.add(new LiveTable("raw_view", "View", Optional.empty(), "CREATE VIEW sieve.raw_view", List.of()));

        assertThat(audit(live)).containsExactly(
                "DRIFT privacy cn-north sieve.old_purpose_device: table the policy does not have, holding 12 rows",
                "DRIFT error cn-north sieve.scratch: table the policy does not have (empty)",
                "DRIFT error cn-north sieve.raw_view: table the policy does not have (View, rows unknown)");
    }

    @Test
    void inClusterModeTheDistributedAndTheLocalTableAreBothExpectedAndTheLocalOneCarriesTheTtl() {
        SchemaOptions cluster = new SchemaOptions("sieve", Optional.of("c"));
        List<LiveTable> tables = MigratedState.tables(catalog, cluster);
        assertThat(TableAudit.check(catalog, cluster, REGION, tables)).isEmpty();

        List<LiveTable> live = tables.stream().filter(t -> !t.name().equals("surveys_device_local")).toList();
        assertThat(TableAudit.check(catalog, cluster, REGION, live).stream().map(Finding::line))
                .containsExactly("DRIFT error cn-north sieve.surveys_device_local: table missing");
    }

    static List<LiveTable.Column> plus(List<LiveTable.Column> columns, LiveTable.Column... more) {
        List<LiveTable.Column> out = new ArrayList<>(columns);
        out.addAll(List.of(more));
        return out;
    }
}
