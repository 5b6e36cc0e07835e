package dev.sieve.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.audit.Finding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raw topics keep records 3 days, dead letters 7, control topics are compacted. */
class TopicAuditTest {

    static final long DAY_MS = 86_400_000L;

    final List<TopicSpec<?, ?>> specs;
    final Map<String, LiveTopic> applied;

    TopicAuditTest() throws Exception {
        specs = new Topics(PolicyLoader.loadDefault()).all();
        applied = applied(specs, 3);
    }

    /** Every registry topic as {@code topics apply} creates it, with the given partitions. */
    static Map<String, LiveTopic> applied(List<TopicSpec<?, ?>> specs, int partitions) {
        Map<String, LiveTopic> out = new LinkedHashMap<>();
        for (TopicSpec<?, ?> t : specs) {
            // A compacted topic keeps the broker's default retention.ms, which compaction ignores.
            out.put(t.name(), new LiveTopic(t.name(), partitions, t.compacted() ? "compact" : "delete",
                    t.retention().map(Duration::toMillis).orElse(604_800_000L)));
        }
        return out;
    }

    List<String> audit(Map<String, LiveTopic> live) {
        return TopicAudit.check(specs, live, 3).stream().map(Finding::line).toList();
    }

    Map<String, LiveTopic> with(LiveTopic... changed) {
        Map<String, LiveTopic> out = new LinkedHashMap<>(applied);
        for (LiveTopic t : changed) {
            out.put(t.name(), t);
        }
        return out;
    }

    @Test
    void theTopicsTopicsApplyCreatesAreClean() {
        assertThat(audit(applied)).isEmpty();
    }

    @Test
    void aMissingTopicIsAnError() {
        Map<String, LiveTopic> live = new LinkedHashMap<>(applied);
        live.remove("sieve.dlq.sink");

        assertThat(audit(live)).containsExactly("DRIFT error kafka sieve.dlq.sink: topic missing");
    }

    @Test
    void aLongerRetentionIsAPrivacyDriftAndAShorterOneANote() {
        assertThat(audit(with(new LiveTopic("sieve.raw.device", 3, "delete", 7 * DAY_MS),
                new LiveTopic("sieve.raw.ip", 3, "delete", -1),
                new LiveTopic("sieve.purpose.analytics.device", 3, "delete", DAY_MS + 1)))).containsExactly(
                "DRIFT privacy kafka sieve.raw.device: retention.ms longer than the policy's: live 7d, policy 3d",
                "DRIFT privacy kafka sieve.raw.ip: retention.ms longer than the policy's: live unlimited, policy 3d",
                "NOTE kafka sieve.purpose.analytics.device: retention.ms shorter than the policy's: live 86400001 ms,"
                        + " policy 3d");
    }

    @Test
    void theWrongCleanupPolicyEitherWayIsAPrivacyDrift() {
        assertThat(audit(with(new LiveTopic("sieve.control.erasure", 3, "delete", 7 * DAY_MS),
                new LiveTopic("sieve.control.consent", 3, "compact, delete", 7 * DAY_MS),
                new LiveTopic("sieve.enriched.ip", 3, "compact", 3 * DAY_MS)))).containsExactly(
                "DRIFT privacy kafka sieve.enriched.ip: cleanup.policy differs: live compact, policy delete",
                "DRIFT privacy kafka sieve.control.consent: cleanup.policy differs: live compact,delete, policy compact",
                "DRIFT privacy kafka sieve.control.erasure: cleanup.policy differs: live delete, policy compact");
    }

    @Test
    void fewerPartitionsThanConfiguredIsANote() {
        assertThat(audit(with(new LiveTopic("sieve.raw.device", 1, "delete", 3 * DAY_MS)))).containsExactly(
                "NOTE kafka sieve.raw.device: fewer partitions than configured: live 1, policy 3");
    }

    @Test
    void aSieveTopicThePolicyDoesNotHaveIsAPrivacyDrift() {
        assertThat(audit(with(new LiveTopic("sieve.purpose.retired.device", 3, "delete", 3 * DAY_MS))))
                .containsExactly("DRIFT privacy kafka sieve.purpose.retired.device: topic the policy does not have (it"
                        + " may hold data no purpose covers)");
    }
}
