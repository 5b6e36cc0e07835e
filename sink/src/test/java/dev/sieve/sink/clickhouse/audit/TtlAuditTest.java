package dev.sieve.sink.clickhouse.audit;

import static dev.sieve.sink.clickhouse.audit.MigratedState.REGION;
import static dev.sieve.sink.clickhouse.audit.MigratedState.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** TTLs as ClickHouse renders them, against the policy's; {@code service_ip} keeps rows 7 days. */
class TtlAuditTest {

    static final SchemaOptions O = SchemaOptions.single("sieve");
    static final String HOLDS = "(ifNull(subject_id, '') NOT IN (SELECT identifier FROM"
            + " sieve.sink_legal_hold_identifiers)) AND (ifNull(device_id, '') NOT IN (SELECT identifier FROM"
            + " sieve.sink_legal_hold_identifiers))";
    static final String TIME = "toDateTime(least(event_time, _ingested_at))";

    final TableLayout serviceIp;
    final LiveTable migrated;

    TtlAuditTest() throws Exception {
        serviceIp = new TableCatalog(PolicyLoader.loadDefault()).table("service_ip").orElseThrow();
        migrated = MigratedState.purposeTable(serviceIp, O, "service_ip", serviceIp.retention());
    }

    List<String> audit(String ttl) {
        String query = migrated.createTableQuery().replaceFirst(" TTL .* SETTINGS ",
                Matcher.quoteReplacement(ttl + " SETTINGS "));
        return TtlAudit.check(serviceIp, O, REGION, withQuery(migrated, query)).stream().map(Finding::line).toList();
    }

    @Test
    void thePolicysTtlAsClickHouseRendersItIsClean() {
        assertThat(migrated.createTableQuery()).contains(" TTL " + TIME + " + toIntervalDay(7) WHERE " + HOLDS + " SETTINGS ");
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(7) WHERE " + HOLDS)).isEmpty();
        assertThat(audit(" TTL " + TIME + " + toIntervalHour(168) WHERE " + HOLDS)).isEmpty();
    }

    @Test
    void aLongerRetentionIsAPrivacyDriftAndAShorterOneANote() {
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(30) WHERE " + HOLDS)).containsExactly(
                "DRIFT privacy cn-north sieve.service_ip: TTL longer than the policy's retention: live 30d, policy 7d");
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(3) WHERE " + HOLDS)).containsExactly(
                "NOTE cn-north sieve.service_ip: TTL shorter than the policy's retention (ops may shorten it at run"
                        + " time; see sink_retention_audit): live 3d, policy 7d");
    }

    @Test
    void calendarUnitsCountAtTheirLongest() throws Exception {
        assertThat(audit(" TTL " + TIME + " + toIntervalWeek(1) WHERE " + HOLDS)).isEmpty();

        TableLayout serviceDevice = new TableCatalog(PolicyLoader.loadDefault()).table("service_device").orElseThrow();
        LiveTable month = MigratedState.purposeTable(serviceDevice, O, "service_device", serviceDevice.retention());
        String query = month.createTableQuery().replace("toIntervalDay(30)", "toIntervalMonth(1)");
        assertThat(TtlAudit.check(serviceDevice, O, REGION, withQuery(month, query)).stream().map(Finding::line))
                .as("a month may have 31 days").containsExactly("DRIFT privacy cn-north sieve.service_device: TTL"
                        + " longer than the policy's retention: live 1 month, policy 30d");
    }

    @Test
    void noTtlMeansRowsNeverExpire() {
        assertThat(audit("")).containsExactly("DRIFT privacy cn-north sieve.service_ip: no TTL deletes its rows: they"
                + " never expire: live none, policy 7d");
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(1) TO VOLUME 'cold'")).containsExactly("DRIFT privacy"
                + " cn-north sieve.service_ip: no TTL deletes its rows: they never expire: live none, policy 7d");
    }

    @Test
    void rulesThatMoveRowsAreNotDeletes() {
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(1) TO VOLUME 'cold', " + TIME + " + toIntervalDay(7)"
                + " WHERE " + HOLDS)).isEmpty();
    }

    @Test
    void aTtlThatDeletesHeldRowsIsAnError() {
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(7)")).containsExactly("DRIFT error cn-north"
                + " sieve.service_ip: TTL deletes rows under legal hold: no hold condition on subject_id, device_id");
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(7) WHERE ifNull(subject_id, '') NOT IN (SELECT identifier"
                + " FROM sieve.sink_legal_hold_identifiers)")).containsExactly("DRIFT error cn-north sieve.service_ip:"
                + " TTL deletes rows under legal hold: no hold condition on device_id");
    }

    @Test
    void aTtlThatSparesMoreThanHeldRowsIsAPrivacyDrift() {
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(7) WHERE " + HOLDS + " AND (app_id != 'notes')"))
                .containsExactly("DRIFT privacy cn-north sieve.service_ip: TTL spares rows no legal hold covers: its"
                        + " WHERE has conditions beyond the holds'");
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(7) WHERE (" + HOLDS + ") OR (app_id = 'notes')"))
                .hasSize(1);
        String[] both = HOLDS.split(" AND ");
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(7) WHERE " + both[1] + " AND " + both[0]))
                .as("the holds in another order").isEmpty();
    }

    @Test
    void aTtlCountingFromAnotherTimeIsAPrivacyDriftAndQuotesNoLiteral() {
        assertThat(audit(" TTL toDateTime(event_time) + toIntervalDay(7) WHERE " + HOLDS)).containsExactly(
                "DRIFT privacy cn-north sieve.service_ip: TTL counts from another time (a device clock set ahead may"
                        + " keep rows longer): live toDateTime(event_time), policy " + TIME);
        assertThat(audit(" TTL toDateTime(ifNull(subject_id, 'alice@example.com')) + toIntervalDay(7) WHERE " + HOLDS))
                .containsExactly("DRIFT privacy cn-north sieve.service_ip: TTL counts from another time (a device"
                        + " clock set ahead may keep rows longer): live toDateTime(ifNull(subject_id, '?')), policy "
                        + TIME);
    }

    @Test
    void whatTheAuditCannotReadItSaysSo() {
        assertThat(audit(" TTL toDateTime('2099-01-01 00:00:00') WHERE " + HOLDS)).containsExactly("DRIFT privacy"
                + " cn-north sieve.service_ip: TTL is not <time> + <interval>, so its retention cannot be told: check"
                + " it by hand: live unreadable, policy 7d");
        assertThat(audit(" TTL " + TIME + " + toIntervalDay(7) WHERE " + HOLDS + ", " + TIME + " + toIntervalDay(1)"
                + " WHERE app_id = 'x'")).containsExactly("DRIFT error cn-north sieve.service_ip: TTL has 2 delete"
                + " rules, the policy's has one: check it by hand");
    }
}
