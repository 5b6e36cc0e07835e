package dev.sieve.sink.clickhouse.audit;

import static dev.sieve.sink.clickhouse.audit.MigratedState.REGION;
import static dev.sieve.sink.clickhouse.audit.MigratedState.SINK_USER;
import static dev.sieve.sink.clickhouse.audit.MigratedState.roleGrant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.clickhouse.Grants;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.clickhouse.audit.LiveAccess.GrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.RoleGrantRow;
import dev.sieve.sink.clickhouse.audit.LiveAccess.Rows;
import dev.sieve.sink.clickhouse.audit.LiveAccess.UserRow;
import dev.sieve.sink.model.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Rows shaped like {@code system.grants}, {@code system.role_grants} and {@code system.users}. */
class GrantAuditTest {

    static final SchemaOptions O = SchemaOptions.single("sieve");
    static final Optional<String> SIEVE = Optional.of("sieve");

    final TableCatalog catalog;
    final Rows migrated;

    GrantAuditTest() throws Exception {
        catalog = new TableCatalog(PolicyLoader.loadDefault());
        migrated = MigratedState.access(catalog, O);
    }

    List<String> audit(Rows live) {
        return audit(live, Set.of());
    }

    List<String> audit(Rows live, Set<String> quarantined) {
        return GrantAudit.check(catalog, O, SINK_USER, quarantined, REGION, live).stream().map(Finding::line)
                .toList();
    }

    @Test
    void theSinkMayPassOnReadsOfExactlyTheTablesReadersRead() {
        assertThat(migrated.grants()).as("sieve_sink_admin may give readers' grants back after a quarantine")
                .anyMatch(g -> g.roleName().equals(Optional.of(Grants.ADMIN)) && g.grantOption()
                        && g.table().equals(Optional.of("analytics_device")));
        Rows onRaw = grants(migrated, List.of(new GrantRow(Optional.empty(), Optional.of(Grants.ADMIN), "SELECT",
                SIEVE, Optional.of("service_device"), Optional.empty(), false, true)));
        assertThat(audit(onRaw)).containsExactly("DRIFT privacy cn-north role sieve_sink_admin: SELECT on"
                + " sieve.service_device WITH GRANT OPTION: it can be passed to anyone");

        Rows withoutOption = new Rows(migrated.roles(), migrated.grants().stream().map(g -> g.grantOption()
                && g.table().equals(Optional.of("analytics_ip")) ? new GrantRow(g.userName(), g.roleName(),
                g.accessType(), g.database(), g.table(), g.column(), false, false) : g).toList(),
                migrated.roleGrants(), migrated.users());
        assertThat(audit(withoutOption)).containsExactly("DRIFT error cn-north role sieve_sink_admin: lacks SELECT"
                + " WITH GRANT OPTION on sieve.analytics_ip, which the policy grants (a quarantine cannot take the"
                + " readers' grants away)");
    }

    @Test
    void aQuarantinedPurposesReadersMustHoldNoGrantsOnItsTables() {
        List<String> analyticsTables = catalog.tables().stream().filter(t -> t.purpose().id().equals("analytics"))
                .map(t -> t.name()).toList();
        Rows revoked = new Rows(migrated.roles(), migrated.grants().stream().filter(g -> !(g.roleName()
                .equals(Optional.of(Grants.ANALYST)) && g.table().filter(analyticsTables::contains).isPresent()))
                .toList(), migrated.roleGrants(), migrated.users());

        assertThat(audit(revoked, Set.of("analytics"))).as("revoked while quarantined: said, no drift")
                .containsExactly("NOTE cn-north purpose analytics: quarantined: its readers hold no grants on its"
                        + " tables");
        assertThat(audit(revoked)).as("revoked without a quarantine: missing").contains("DRIFT error cn-north role"
                + " sieve_analyst: lacks SELECT on sieve.analytics_device, which the policy grants");
        assertThat(audit(migrated, Set.of("analytics"))).contains("DRIFT privacy cn-north role sieve_analyst: SELECT"
                + " on sieve.analytics_device although its purpose is quarantined: the grant was not revoked")
                .hasSize(analyticsTables.size());
    }

    @Test
    void exactlyThePolicysGrantsAreClean() {
        assertThat(migrated.grants()).as("the admin's MODIFY TTL shows under its canonical name")
                .anyMatch(g -> g.accessType().equals("ALTER TTL"));
        assertThat(audit(migrated)).isEmpty();
    }

    @Test
    void anAnalystReadingARawPurposesTableOrTheWholeDatabaseIsAPrivacyDrift() {
        Rows live = grants(migrated, List.of(
                roleGrant(Grants.ANALYST, "SELECT", SIEVE, Optional.of("service_device")),
                roleGrant(Grants.ANALYST, "SELECT", SIEVE, Optional.empty()),
                roleGrant(Grants.ANALYST, "SELECT", Optional.empty(), Optional.empty()),
                new GrantRow(Optional.empty(), Optional.of(Grants.WRITER), "SELECT", SIEVE, Optional.of("service_ip"),
                        Optional.of("subject_id"), false, false)));

        assertThat(audit(live)).containsExactly(
                "DRIFT privacy cn-north role sieve_analyst: SELECT on *.* beyond the policy's grants (every database)",
                "DRIFT privacy cn-north role sieve_analyst: SELECT on sieve.* beyond the policy's grants (every table,"
                        + " raw purposes' included)",
                "DRIFT privacy cn-north role sieve_analyst: SELECT on sieve.service_device beyond the policy's grants"
                        + " (a raw purpose's table)",
                "DRIFT privacy cn-north role sieve_sink_writer: SELECT on sieve.service_ip(subject_id) beyond the"
                        + " policy's grants (a raw purpose's table)");
    }

    @Test
    void anyInsertOrAlterBeyondThePolicyIsOneLinePerTarget() {
        Rows live = grants(migrated, List.of(
                roleGrant(Grants.ANALYST, "INSERT", SIEVE, Optional.of("analytics_device")),
                roleGrant(Grants.ANALYST, "ALTER DELETE", SIEVE, Optional.of("analytics_device")),
                roleGrant(Grants.SECURITY, "ALTER", SIEVE, Optional.of("security_ip"))));

        assertThat(audit(live)).containsExactly(
                "DRIFT privacy cn-north role sieve_analyst: INSERT, ALTER DELETE on sieve.analytics_device beyond the"
                        + " policy's grants",
                "DRIFT privacy cn-north role sieve_security: ALTER on sieve.security_ip beyond the policy's grants"
                        + " (a raw purpose's table)");
    }

    @Test
    void aPolicyGrantThatCanBePassedOnIsAPrivacyDrift() {
        List<GrantRow> rows = new ArrayList<>(migrated.grants());
        rows.replaceAll(g -> g.roleName().equals(Optional.of(Grants.ANALYST)) && g.table().equals(Optional.of(
                "analytics_device")) ? new GrantRow(g.userName(), g.roleName(), g.accessType(), g.database(),
                        g.table(), g.column(), false, true) : g);

        assertThat(audit(new Rows(migrated.roles(), rows, migrated.roleGrants(), migrated.users()))).containsExactly(
                "DRIFT privacy cn-north role sieve_analyst: SELECT on sieve.analytics_device WITH GRANT OPTION: it can"
                        + " be passed to anyone");
    }

    @Test
    void aMissingRoleOrGrantIsAnError() {
        Rows noSecurity = new Rows(List.of(Grants.ANALYST, Grants.WRITER, Grants.ADMIN), without(migrated.grants(),
                g -> g.roleName().equals(Optional.of(Grants.SECURITY))), migrated.roleGrants(), migrated.users());
        assertThat(audit(noSecurity)).containsExactly("DRIFT error cn-north role sieve_security: role missing");

        Rows noInsert = new Rows(migrated.roles(), without(migrated.grants(), g -> g.roleName().equals(Optional.of(
                Grants.WRITER)) && g.table().equals(Optional.of("analytics_device"))), migrated.roleGrants(),
                migrated.users());
        assertThat(audit(noInsert)).containsExactly("DRIFT error cn-north role sieve_sink_writer: lacks INSERT on"
                + " sieve.analytics_device, which the policy grants");
    }

    @Test
    void aPartialRevokeTakesAPolicyGrantAway() {
        Rows live = grants(migrated, List.of(new GrantRow(Optional.empty(), Optional.of(Grants.ADMIN), "ALTER DELETE",
                SIEVE, Optional.of("analytics_device"), Optional.empty(), true, false)));

        assertThat(audit(live)).containsExactly("DRIFT error cn-north role sieve_sink_admin: lacks ALTER DELETE on"
                + " sieve.*, which the policy grants");
    }

    @Test
    void rolesHeldBeyondThePolicy() {
        List<RoleGrantRow> roleGrants = new ArrayList<>(migrated.roleGrants());
        roleGrants.add(new RoleGrantRow(Optional.empty(), Optional.of(Grants.ANALYST), "bi_reader", false));
        roleGrants.add(new RoleGrantRow(Optional.of("bob"), Optional.empty(), Grants.ADMIN, false));
        roleGrants.add(new RoleGrantRow(Optional.of("ana"), Optional.empty(), Grants.ANALYST, true));

        assertThat(audit(new Rows(migrated.roles(), migrated.grants(), roleGrants, migrated.users()))).containsExactly(
                "DRIFT privacy cn-north role sieve_analyst: inherits role bi_reader: privileges beyond the policy's"
                        + " grants",
                "DRIFT privacy cn-north user bob: holds sieve_sink_admin, the sink's control role (reads, alters and"
                        + " deletes every table): only the sink's user sieve_sink should",
                "DRIFT privacy cn-north user ana: holds sieve_analyst WITH ADMIN OPTION: it can grant the role to"
                        + " anyone");
    }

    @Test
    void grantsReachingSieveDataOutsideItsRolesArePrivacyDrifts() {
        List<UserRow> users = new ArrayList<>(migrated.users());
        users.add(new UserRow("default", List.of("no_password")));
        users.add(new UserRow("monitor", List.of("no_password")));
        Rows live = new Rows(migrated.roles(), plus(migrated.grants(), List.of(
                new GrantRow(Optional.of("default"), Optional.empty(), "ALL", Optional.empty(), Optional.empty(),
                        Optional.empty(), false, true),
                new GrantRow(Optional.empty(), Optional.of("bi_reader"), "SELECT", SIEVE, Optional.of("service_ip"),
                        Optional.empty(), false, false),
                // Neither reaches Sieve's tables: metadata privileges, another database.
                new GrantRow(Optional.of("monitor"), Optional.empty(), "SHOW USERS", Optional.empty(),
                        Optional.empty(), Optional.empty(), false, false),
                new GrantRow(Optional.of("monitor"), Optional.empty(), "SELECT", Optional.of("metrics"),
                        Optional.empty(), Optional.empty(), false, false))), migrated.roleGrants(), users);

        assertThat(audit(live)).containsExactly(
                "DRIFT privacy cn-north role bi_reader: SELECT on sieve.service_ip outside Sieve's roles",
                "DRIFT privacy cn-north user default: ALL on *.* outside Sieve's roles",
                "DRIFT privacy cn-north user default: can log in without a password and reaches Sieve's data");
    }

    @Test
    void anAnalystWithoutAPasswordIsAPrivacyDrift() {
        Rows live = new Rows(migrated.roles(), migrated.grants(), migrated.roleGrants(), List.of(
                new UserRow(SINK_USER, List.of("sha256_password")), new UserRow("ana", List.of("no_password"))));

        assertThat(audit(live)).containsExactly("DRIFT privacy cn-north user ana: can log in without a password and"
                + " reaches Sieve's data");
    }

    static Rows grants(Rows rows, List<GrantRow> more) {
        return new Rows(rows.roles(), plus(rows.grants(), more), rows.roleGrants(), rows.users());
    }

    static List<GrantRow> plus(List<GrantRow> rows, List<GrantRow> more) {
        List<GrantRow> out = new ArrayList<>(rows);
        out.addAll(more);
        return out;
    }

    static List<GrantRow> without(List<GrantRow> rows, Predicate<GrantRow> gone) {
        return rows.stream().filter(gone.negate()).toList();
    }
}
