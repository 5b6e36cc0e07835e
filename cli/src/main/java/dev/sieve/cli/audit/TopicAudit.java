package dev.sieve.cli.audit;

import dev.sieve.schemas.policy.Durations;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.audit.Finding;
import dev.sieve.sink.audit.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Holds the cluster's Sieve topics against the registry ({@link Topics}) and the configs {@link TopicSpec#configs()}
 * gives them (what {@code topics apply} sets): every topic present, its cleanup policy, a retention no longer than
 * the policy's, no topic of a purpose or family the policy no longer has.
 *
 * <p>A shorter retention is a note: the sink shortens a purpose topic to its table's retention when ops shorten
 * that. Fewer partitions than {@code topics apply} creates is a note too: it limits parallelism, not privacy.
 */
final class TopicAudit {

    /** The scope of Kafka's findings. */
    static final String KAFKA = "kafka";
    private static final long UNLIMITED = -1;

    private TopicAudit() {}

    /**
     * @param live       every topic whose name starts with {@value Topics#PREFIX}
     * @param partitions the partitions {@code topics apply} was asked for
     */
    static List<Finding> check(List<TopicSpec<?, ?>> expected, Map<String, LiveTopic> live, int partitions) {
        List<Finding> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TopicSpec<?, ?> spec : expected) {
            names.add(spec.name());
            LiveTopic topic = live.get(spec.name());
            if (topic == null) {
                out.add(Finding.of(Severity.ERROR, KAFKA, spec.name(), "topic missing"));
                continue;
            }
            String policy = spec.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (!topic.cleanupPolicies().equals(Set.of(policy))) {
                // Either way personal data outlives the policy: compaction keeps each key's latest record past
                // retention; deletion expires control records, so erasures and consent changes are forgotten.
                out.add(Finding.of(Severity.PRIVACY, KAFKA, spec.name(), "cleanup.policy differs",
                        String.join(",", topic.cleanupPolicies()), policy));
            } else if (spec.retention().isPresent()) {
                out.addAll(retention(spec.name(), topic.retentionMs(), spec.retention().get()));
            }
            if (topic.partitions() < partitions) {
                out.add(Finding.of(Severity.NOTE, KAFKA, spec.name(), "fewer partitions than configured",
                        Integer.toString(topic.partitions()), Integer.toString(partitions)));
            }
        }
        for (LiveTopic topic : live.values()) {
            if (!names.contains(topic.name())) {
                out.add(Finding.of(Severity.PRIVACY, KAFKA, topic.name(), "topic the policy does not have"
                        + " (it may hold data no purpose covers)"));
            }
        }
        return out;
    }

    private static List<Finding> retention(String topic, long liveMs, Duration policy) {
        long policyMs = policy.toMillis();
        if (liveMs == UNLIMITED || liveMs > policyMs) {
            return List.of(Finding.of(Severity.PRIVACY, KAFKA, topic, "retention.ms longer than the policy's",
                    format(liveMs), format(policyMs)));
        }
        if (liveMs < policyMs) {
            return List.of(Finding.of(Severity.NOTE, KAFKA, topic, "retention.ms shorter than the policy's",
                    format(liveMs), format(policyMs)));
        }
        return List.of();
    }

    /** {@code 3d}, {@code 12h}, {@code 5400000 ms} or {@code unlimited}. */
    static String format(long ms) {
        if (ms == UNLIMITED) {
            return "unlimited";
        }
        boolean wholeHours = ms > 0 && ms % Duration.ofHours(1).toMillis() == 0;
        return wholeHours ? Durations.format(Duration.ofMillis(ms)) : ms + " ms";
    }
}
