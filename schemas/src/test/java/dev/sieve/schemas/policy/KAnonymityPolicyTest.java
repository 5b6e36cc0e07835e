package dev.sieve.schemas.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.EventFamily;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's {@code k_anonymity} key, top-level and per purpose, and which columns it is measured over. */
class KAnonymityPolicyTest {

    private static final String ANALYTICS = """
              analytics:
                section: "2.analytics"
                description: test
                consent: not_required
                identifiers: pseudonymous
                families:
                  device:
                    retention: 30d
                    fields:
                      event_id: pseudonymize
                      event_time: {action: generalize, to: hour}
                      device_id: pseudonymize
                      os_version: keep
                      os_name: keep
            """;

    private static final String SERVICE = """
              service:
                section: "2.1"
                description: test
                consent: not_required
                identifiers: raw
                families:
                  device:
                    retention: 30d
                    fields:
                      device_id: keep
            """;

    @Test
    void defaultPolicyAsksForFiveEverywhere() throws PolicyException {
        Policy policy = PolicyLoader.loadDefault();
        assertThat(policy.kAnonymity().minK()).isEqualTo(5);
        assertThat(policy.kAnonymity().byPurpose()).isEmpty();
        assertThat(policy.kAnonymity().minK("analytics")).isEqualTo(5);
    }

    @Test
    void absentKeyMeansTheDocumentedDefault() throws PolicyException {
        Policy policy = load(TestPolicies.HEAD + "purposes:\n" + ANALYTICS);
        assertThat(policy.kAnonymity()).isEqualTo(new KAnonymity(KAnonymity.DEFAULT_MIN_K, java.util.Map.of()));
    }

    @Test
    void aPurposeMaySetItsOwnMinimum() throws PolicyException {
        Policy policy = load(TestPolicies.HEAD + "k_anonymity: {min_k: 3}\npurposes:\n" + ANALYTICS
                + "    k_anonymity: {min_k: 10}\n" + SERVICE);
        assertThat(policy.kAnonymity().minK()).isEqualTo(3);
        assertThat(policy.kAnonymity().minK("analytics")).isEqualTo(10);
        assertThat(policy.kAnonymity().minK("service")).isEqualTo(3);
    }

    @Test
    void badValuesAreReportedWithTheirPlace() {
        assertThat(problems(TestPolicies.HEAD + "k_anonymity: {min_k: 1}\npurposes:\n" + ANALYTICS)).containsExactly(
                "test.yaml:11:22: k_anonymity.min_k: min_k must be at least 2: every table has k >= 1, so 1 would"
                        + " check nothing");
        assertThat(problems(TestPolicies.HEAD + "k_anonymity: {min_k: five}\npurposes:\n" + ANALYTICS)).containsExactly(
                "test.yaml:11:22: k_anonymity.min_k: 'five' is not a whole number");
        assertThat(problems(TestPolicies.HEAD + "k_anonymity: 5\npurposes:\n" + ANALYTICS)).containsExactly(
                "test.yaml:11:14: k_anonymity: expected a mapping such as {min_k: 5}");
        assertThat(problems(TestPolicies.HEAD + "k_anonymity: {k: 5}\npurposes:\n" + ANALYTICS)).containsExactly(
                "test.yaml:11:14: k_anonymity: missing required key 'min_k'",
                "test.yaml:11:15: k_anonymity.k: unknown key 'k' (expected: min_k)");
    }

    @Test
    void aRawPurposeCannotSetOne() {
        assertThat(problems(TestPolicies.HEAD + "purposes:\n" + SERVICE + "    k_anonymity: {min_k: 3}\n")).containsExactly(
                "test.yaml:22:5: purposes.service.k_anonymity: purpose 'service' sees raw identifiers: k-anonymity is"
                        + " only measured for pseudonymous and anonymous purposes");
    }

    @Test
    void quasiIdentifiersAreTheKeptQuasiAndSensitiveFieldsAndTruncatedIpsNeverPseudonyms() throws PolicyException {
        Policy policy = PolicyLoader.loadDefault();
        FamilyRule device = policy.purpose("analytics").orElseThrow().family(EventFamily.DEVICE).orElseThrow();
        // device_id (pseudonym), event_id, device_class, battery_level (non personal) are not counted.
        assertThat(QuasiIdentifiers.of(device))
                .containsExactly("event_time", "app_version", "geo_country", "os_version");
        FamilyRule ip = policy.purpose("analytics").orElseThrow().family(EventFamily.IP).orElseThrow();
        assertThat(QuasiIdentifiers.of(ip)).containsExactly("event_time", "ip_address", "geo_country");
        FamilyRule calls = policy.purpose("analytics").orElseThrow().family(EventFamily.COMMUNICATION_LOG)
                .orElseThrow();
        assertThat(QuasiIdentifiers.of(calls)).containsExactly("started_at", "duration_ms");
        FamilyRule search = policy.purpose("personalization").orElseThrow().family(EventFamily.SERVICE_LOG)
                .orElseThrow();
        // search_query is scrubbed free text, subject_id a pseudonym
        assertThat(QuasiIdentifiers.of(search)).containsExactly("event_time", "page_url");
    }

    private static Policy load(String yaml) throws PolicyException {
        return PolicyLoader.load("test.yaml", new StringReader(yaml));
    }

    private static List<String> problems(String yaml) {
        try {
            load(yaml);
        } catch (PolicyException e) {
            return e.problems().stream().map(PolicyProblem::toString).toList();
        }
        throw new AssertionError("the policy loaded");
    }
}
