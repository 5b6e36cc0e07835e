package dev.sieve.sink.clickhouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.KAnonymityMeasure;
import dev.sieve.sink.audit.Unchecked;
import dev.sieve.sink.clickhouse.Migrations;
import dev.sieve.sink.clickhouse.RetentionTtl;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.fixture.EngineGateway;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.testsupport.ClickHouseEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The k-anonymity statement run by the real ClickHouse engine (chDB) over tables the sink's migrations built: a row
 * made unique by one column fails the audit naming that column, a table whose rows all share their group with
 * enough others passes, rows past the retention window (the live TTL's, shortened) do not count, empty tables
 * are said to be empty.
 */
class KAnonymityIT {

    @RegisterExtension
    static final ClickHouseEngine ENGINE = new ClickHouseEngine();

    static final SchemaOptions O = SchemaOptions.single("sieve_k");
    static final String EVENT_PSEUDONYM = "concat('k1:', leftPad(toString(rand()), 43, 'a'))";

    @Test
    void aUniqueRowFailsNamingItsColumnAndGroupsOfAtLeastKPass() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        EngineGateway ch = new EngineGateway(ENGINE);
        Migrations.statements(catalog, O).forEach(ch::execute);
        // Non-raw tables hold event pseudonyms only (a CHECK constraint): any value of that shape will do here.
        String device = "INSERT INTO sieve_k.analytics_device (event_id, event_time, app_version, geo_country,"
                + " os_version, _ingested_at) SELECT " + EVENT_PSEUDONYM + ", ";
        ENGINE.execute(device + "toStartOfHour(now64(3)), 'secret-app-1.2', 'CN', 'secret-os-14', now64(3)"
                + " FROM numbers(5)");
        ENGINE.execute(device + "toStartOfHour(now64(3)), 'secret-app-1.2', 'CN', 'secret-os-9', now64(3)");
        // Within the policy's 365 days but past the 30 days ops shortened the TTL to (the parts already written
        // keep it until a merge): it would be a second unique row if the window were ignored.
        ENGINE.execute(device + "now64(3) - INTERVAL 100 DAY, 'secret-app-0.1', 'FR', 'secret-os-3', now64(3)");
        ENGINE.execute("SET materialize_ttl_after_modify = 0");
        ENGINE.execute("ALTER TABLE sieve_k.analytics_device MODIFY TTL " + RetentionTtl.expression(
                catalog.table("analytics_device").orElseThrow(), Duration.ofDays(30), O));
        ENGINE.execute("INSERT INTO sieve_k.analytics_software (event_id, event_time, software_version, _ingested_at)"
                + " SELECT " + EVENT_PSEUDONYM + ", toStartOfHour(now64(3)),"
                + " if(number < 5, 'secret-sw-1.0', 'secret-sw-2.0'), now64(3)"
                + " FROM numbers(10)");
        assertThat(ENGINE.query("SELECT count() FROM sieve_k.analytics_device", "TSV").strip())
                .as("the old row is stored, so the window is what leaves it out").isEqualTo("7");

        List<Unchecked> unchecked = new ArrayList<>();
        List<KAnonymityMeasure> measured = KAnonymityAudit.measure(catalog, catalog.policy().kAnonymity(), O,
                "cn-north", new SystemTables(ch, O).tables(), ch, unchecked);
        List<Finding> findings = measured.stream().flatMap(m -> m.finding().stream()).toList();

        assertThat(unchecked).isEmpty();
        assertThat(findings.stream().map(Finding::line)).containsExactly("DRIFT privacy cn-north"
                + " sieve_k.analytics_device: k-anonymity below the policy's minimum: 1 of 6 rows within 30d are in"
                + " groups smaller than 5; rows stand out by os_version (without it k would be 6: the largest rise"
                + " from removing one column): live k 1, policy k >= 5");
        assertThat(findings).allMatch(Finding::isDrift);
        assertThat(measured.stream().map(KAnonymityMeasure::line)).contains(
                "K cn-north sieve_k.analytics_device: k 1, minimum 5, over event_time, app_version, geo_country,"
                        + " os_version: 6 rows in 2 groups within 30d",
                "K cn-north sieve_k.analytics_software: k 5, minimum 5, over event_time, software_version: 10 rows"
                        + " in 2 groups within 365d",
                "K cn-north sieve_k.analytics_ip: no rows within 365d, k not measured (over event_time, ip_address,"
                        + " geo_country)");
        assertThat(measured).as("every non-raw table, and only those")
                .hasSize((int) catalog.tables().stream().filter(t -> !t.holdsRawIdentifiers()).count());
        assertThat(device(measured).answer().map(a -> a.kWithout())).contains(java.util.Map.of("event_time", 1L,
                "app_version", 1L, "geo_country", 1L, "os_version", 6L));
        // every field the command line renders, in text or JSON: counts and names, never a value
        assertThat(findings.toString() + measured + findings.stream().map(Finding::line).toList()
                + measured.stream().map(KAnonymityMeasure::line).toList()).doesNotContain("secret")
                .doesNotContain("CN'").doesNotContain("FR");

        ENGINE.execute(device + "toStartOfHour(now64(3)), 'secret-app-1.2', 'CN', 'secret-os-9', now64(3)"
                + " FROM numbers(4)");
        List<KAnonymityMeasure> fixed = KAnonymityAudit.measure(catalog, catalog.policy().kAnonymity(), O,
                "cn-north", new SystemTables(ch, O).tables(), ch, unchecked);
        assertThat(fixed.stream().flatMap(m -> m.finding().stream())).as("every group now holds 5 rows").isEmpty();
        assertThat(device(fixed).answer().map(a -> a.all())).contains(new KAnonymityMeasure.Counts(5, 2, 10, 0));
    }

    @Test
    void aMissingTableIsNotMeasuredAndSaidSo() throws Exception {
        TableCatalog catalog = new TableCatalog(PolicyLoader.loadDefault());
        EngineGateway ch = new EngineGateway(ENGINE);
        SchemaOptions o = SchemaOptions.single("sieve_k_missing");
        Migrations.statements(catalog, o).forEach(ch::execute);
        ENGINE.execute("DROP TABLE sieve_k_missing.analytics_ip");
        List<Unchecked> unchecked = new ArrayList<>();

        KAnonymityAudit.measure(catalog, catalog.policy().kAnonymity(), o, "cn-north",
                new SystemTables(ch, o).tables(), ch, unchecked);

        assertThat(unchecked.stream().map(Unchecked::line)).containsExactly("UNCHECKED cn-north k-anonymity of"
                + " sieve_k_missing.analytics_ip: the table or one of its columns is missing");
    }

    private static KAnonymityMeasure device(List<KAnonymityMeasure> measured) {
        return measured.stream().filter(m -> m.table().equals("sieve_k.analytics_device")).findFirst().orElseThrow();
    }
}
