package dev.sieve.schemas.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.inventory.InventoryRenderer;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The {@code rotate} option of {@code pseudonymize}: how the loader reads and checks it, how the inventory says it. */
class RotatingPseudonymRuleTest {

    private static final String POLICY = TestPolicies.HEAD + """
            purposes:
              analytics:
                section: "2.analytics"
                description: test
                consent: not_required
                identifiers: pseudonymous
                families:
                  device:
                    retention: 30d
                    fields:
            """;

    @Test
    void rotatePicksAPeriodAndTheInventorySaysWhatFollows() throws PolicyException {
        Policy policy = load("""
                          device_id: {action: pseudonymize, rotate: month}
                          subject_id: pseudonymize
                """);
        FamilyRule device = policy.purpose("analytics").orElseThrow().family(EventFamily.DEVICE).orElseThrow();
        FieldRule rotating = device.rule("device_id").orElseThrow();
        assertThat(rotating.rotate()).contains(Rotation.MONTH);
        assertThat(rotating.action().describe()).isEqualTo(
                "pseudonymized with a random key of this purpose that is replaced every month (UTC) and then destroyed");
        assertThat(device.rule("subject_id").orElseThrow().rotate()).isEmpty();
        assertThat(device.rule("subject_id").orElseThrow().action().describe())
                .isEqualTo("pseudonymized with this purpose's own key");
        assertThat(InventoryRenderer.render(policy, "test.yaml")).contains("| `analytics_device` | 30 days |"
                + " `device_id` pseudonymized with a random key of this purpose that is replaced every month (UTC) and"
                + " then destroyed; `subject_id` pseudonymized with this purpose's own key |\n\nPseudonyms replaced every"
                + " month: The same value has one pseudonym within a month and unrelated ones in different months, so"
                + " devices can be counted per month but not followed from one month to the next.");
    }

    @Test
    void unknownPeriodsAndRotateOnOtherActionsAreRejected() {
        assertThatThrownBy(() -> load("""
                          device_id: {action: pseudonymize, rotate: year}
                          subject_id: {action: pseudonymize, rotate: ""}
                          event_time: {action: generalize, to: hour, rotate: day}
                """)).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .extracting(PolicyProblem::toString).containsExactly(
                        "test.yaml:21:53: purposes.analytics.families.device.fields.device_id.rotate: cannot rotate"
                                + " a pseudonym every 'year' (known: day, week, month)",
                        "test.yaml:22:54: purposes.analytics.families.device.fields.subject_id.rotate: expected a"
                                + " non-empty value",
                        "test.yaml:23:54: purposes.analytics.families.device.fields.event_time.rotate: option"
                                + " 'rotate' does not apply to action 'generalize' here"));
    }

    private static Policy load(String fields) throws PolicyException {
        return PolicyLoader.load("test.yaml", new StringReader(POLICY + fields));
    }
}
