package dev.sieve.schemas.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

    @Test
    void theSamePolicyChangesNothing() throws Exception {
        assertThat(PolicyDiff.between(PolicyLoader.loadDefault(), PolicyLoader.loadDefault())).isEmpty();
    }

    @Test
    void everyKindOfChangeIsListedInPolicyOrder() throws Exception {
        String text = defaultText();
        String analyticsSoftware = String.join("\n",
                "      software:",
                "        retention: 365d",
                "        fields:",
                "          event_id: {action: pseudonymize, rotate: month}",
                "          event_time: {action: generalize, to: hour}",
                "          app_id: keep",
                "          region: keep",
                "          device_id: {action: pseudonymize, rotate: month}",
                "          software_name: keep",
                "          software_version: {action: generalize, to: minor}",
                "          install_source: keep",
                "");
        String changedSoftware = analyticsSoftware.replace("365d", "180d").replace("to: hour", "to: day")
                .replace("          install_source: keep\n", "");
        assertThat(text).contains(analyticsSoftware);
        String changed = text
                .replace("max_retention: 395d", "max_retention: 400d")
                .replace("  dlq: 7d", "  dlq: 3d")
                .replace("  min_k: 5\n", "  min_k: 3\n")
                .replace("never matched with identities.\n    consent: not_required\n",
                        "never matched with identities.\n    consent: not_required\n    k_anonymity: {min_k: 10}\n")
                .replace("  cn-east:\n    country: CN\n", "")
                .replace(analyticsSoftware, changedSoftware)
                .replace("surveys about our services.\n    consent: not_required",
                        "surveys about our services.\n    consent: required");
        assertThat(changed).isNotEqualTo(text);

        assertThat(PolicyDiff.between(PolicyLoader.loadDefault(), load(changed))).containsExactly(
                "~ max_retention: 395d -> 400d",
                "~ topics.dlq retention: 7d -> 3d",
                "- region cn-east",
                "~ k_anonymity.min_k: 5 -> 3",
                "~ purpose analytics k_anonymity.min_k: 5 -> 10",
                "~ purpose surveys consent: not required -> required",
                "~ table analytics_software retention: 365d -> 180d",
                "~ column analytics_software.event_time: generalized to the hour -> generalized to the day",
                "- column analytics_software.install_source (dropped from now on; stored values stay)");
    }

    @Test
    void addedAndRemovedPurposesNameTheirTables() throws Exception {
        String text = defaultText();
        int start = text.indexOf("  cross_service:");
        String without = text.substring(0, start);
        assertThat(PolicyDiff.between(PolicyLoader.loadDefault(), load(without))).containsExactly(
                "- purpose cross_service: its tables stop receiving rows; stored rows stay until their TTL",
                "- table cross_service_service_log");
        assertThat(PolicyDiff.between(load(without), PolicyLoader.loadDefault())).containsExactly(
                "+ purpose cross_service (section 2.other-services, consent required, identifiers pseudonymous)",
                "+ table cross_service_service_log (retention 90d)",
                "+ column cross_service_service_log.event_id (pseudonymized with this purpose's own key)",
                "+ column cross_service_service_log.event_time (generalized to the day)",
                "+ column cross_service_service_log.app_id (kept as collected)",
                "+ column cross_service_service_log.region (kept as collected)",
                "+ column cross_service_service_log.subject_id (pseudonymized with this purpose's own key)",
                "+ column cross_service_service_log.action (kept as collected)",
                "+ column cross_service_service_log.search_query (scrubbed text (e-mail addresses, phone, card, IBAN,"
                        + " identity, IMEI and document numbers, IP and MAC addresses, coordinates, credentials, tokens, account"
                        + " handles and the event's own identifiers removed))",
                "+ column cross_service_service_log.page_url (scrubbed URL (no credentials, query or fragment;"
                        + " identifying path segments replaced))");
    }

    private static String defaultText() throws Exception {
        try (InputStream in = Objects.requireNonNull(
                PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_POLICY_RESOURCE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Policy load(String yaml) throws PolicyException {
        return PolicyLoader.load("changed.yaml", new StringReader(yaml));
    }
}
