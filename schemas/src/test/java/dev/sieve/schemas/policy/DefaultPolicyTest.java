package dev.sieve.schemas.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.schemas.policy.action.DropAction;
import dev.sieve.schemas.policy.action.KeepAction;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import dev.sieve.schemas.policy.action.TruncateIpAction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped policy against the privacy policy text it implements. */
class DefaultPolicyTest {

    private static Policy policy;

    @BeforeAll
    static void load() throws PolicyException {
        policy = PolicyLoader.loadDefault();
    }

    @Test
    void everyPurposeTheTextNamesHasExactlyOnePolicyPurpose() {
        assertThat(policy.purposes().values()).extracting(Purpose::section)
                .containsExactlyInAnyOrder(PolicySection.values());
    }

    @Test
    void onlyUsesBeyondSectionTwoAskForConsent() {
        for (Purpose p : policy.purposes().values()) {
            assertThat(p.consentRequired()).as(p.id()).isEqualTo(p.section().consentRequired());
        }
        assertThat(policy.purpose("cross_service").orElseThrow().consentRequired()).isTrue();
    }

    @Test
    void everyCollectedFamilyFeedsAtLeastOnePurpose() {
        for (EventFamily f : EventFamily.values()) {
            assertThat(policy.purposesFor(f)).as(f.id()).isNotEmpty();
        }
    }

    @Test
    void analyticsNeverHoldsARawDirectIdentifier() {
        Purpose analytics = policy.purpose("analytics").orElseThrow();
        assertThat(analytics.identifiers()).isEqualTo(IdentifierForm.PSEUDONYMOUS);
        for (FamilyRule r : analytics.families().values()) {
            for (FieldRule f : r.fields().values()) {
                ContractField field = r.family().fields().get(f.field());
                if (field.privacy() == PrivacyClass.DIRECT_IDENTIFIER) {
                    assertThat(f.action().type()).as(r.family().id() + "." + f.field())
                            .isIn(PseudonymizeAction.TYPE, TruncateIpAction.TYPE, DropAction.TYPE);
                }
            }
        }
    }

    @Test
    void rawIdentifiersOnlyReachServiceSecurityAndSurveys() {
        assertThat(policy.purposes().values().stream().filter(p -> p.identifiers() == IdentifierForm.RAW)
                .map(Purpose::id)).containsExactly("service", "security", "surveys");
    }

    @Test
    void communicationLogsStayWithinServiceSecurityAndAnonymizedAnalytics() {
        assertThat(policy.purposesFor(EventFamily.COMMUNICATION_LOG)).extracting(Purpose::id)
                .containsExactly("service", "security", "analytics");
        FamilyRule analytics = policy.purpose("analytics").orElseThrow().family(EventFamily.COMMUNICATION_LOG)
                .orElseThrow();
        assertThat(analytics.rule("peer_account")).as("the account communicated with never reaches analytics").isEmpty();
    }

    @Test
    void everyTableHoldsTheSubjectOrTheDeviceSoErasureCanFindItsRows() {
        for (Purpose p : policy.purposes().values()) {
            for (FamilyRule r : p.families().values()) {
                assertThat(r.rule("subject_id").or(() -> r.rule("device_id"))).as(p.tableName(r.family()))
                        .hasValueSatisfying(rule -> assertThat(rule.action().type()).isIn(KeepAction.TYPE, PseudonymizeAction.TYPE));
            }
        }
    }

    @Test
    void everyItemOfSectionOnePointTwoPointOneIsCollected() {
        Map<EventFamily, List<String>> items = Map.of(
                EventFamily.DEVICE, List.of("advertising_id", "device_id", "device_model", "os_version",
                        "unique_device_identifier", "battery_level", "signal_strength_dbm"),
                EventFamily.SOFTWARE, List.of("software_version", "other_software"),
                EventFamily.IP, List.of("ip_address"),
                EventFamily.SERVICE_LOG, List.of("search_query", "page_url", "failure_code", "failure_message",
                        "referrer_url"),
                EventFamily.COMMUNICATION_LOG, List.of("peer_account", "started_at", "duration_ms"));
        items.forEach((family, fields) -> assertThat(family.fields()).as(family.id()).containsKeys(
                fields.toArray(String[]::new)));
        assertThat(Arrays.stream(EventFamily.values()).map(EventFamily::policySection)).containsExactly(
                "1.2.1 (1)", "1.2.1 (2)", "1.2.1 (3)", "1.2.1 (4)", "1.2.1 (5)");
    }
}
