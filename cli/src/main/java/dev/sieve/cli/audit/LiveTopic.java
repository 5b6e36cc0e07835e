package dev.sieve.cli.audit;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Kafka topic as the admin client describes it, with the effective values (broker defaults included) of the
 * settings the policy decides.
 *
 * @param name          topic name
 * @param partitions    partition count
 * @param cleanupPolicy {@code cleanup.policy}, e.g. {@code delete} or {@code compact,delete}
 * @param retentionMs   {@code retention.ms}; -1 keeps records for ever
 */
public record LiveTopic(String name, int partitions, String cleanupPolicy, long retentionMs) {

    /** The cleanup policies in effect, order and spacing ignored. */
    public Set<String> cleanupPolicies() {
        Set<String> out = new TreeSet<>();
        Arrays.stream(cleanupPolicy.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
