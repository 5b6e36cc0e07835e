package dev.sieve.sink.model;

import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * Every purpose table the policy implies, in policy order, with the topic that feeds it. The table names are
 * the policy's, so they form a closed vocabulary safe to use as metric tags.
 */
public final class TableCatalog {

    private final Policy policy;
    private final Topics topics;
    private final Map<String, TableLayout> byName;
    private final Map<String, TableLayout> byTopic;

    public TableCatalog(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.topics = new Topics(policy);
        Map<String, TableLayout> names = new LinkedHashMap<>();
        Map<String, TableLayout> topicNames = new LinkedHashMap<>();
        for (Purpose purpose : policy.purposes().values()) {
            for (FamilyRule rule : purpose.families().values()) {
                TableLayout layout = TableLayout.of(purpose, rule);
                names.put(layout.name(), layout);
                topicNames.put(topic(layout).name(), layout);
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byTopic = Collections.unmodifiableMap(topicNames);
    }

    public Policy policy() {
        return policy;
    }

    public Topics topics() {
        return topics;
    }

    public List<TableLayout> tables() {
        return new ArrayList<>(byName.values());
    }

    public Optional<TableLayout> table(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<TableLayout> tableForTopic(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    /** The purpose topic that feeds the table. */
    public TopicSpec<String, GenericRecord> topic(TableLayout layout) {
        return topics.purpose(layout.purpose(), layout.family());
    }

    public List<String> topicNames() {
        return new ArrayList<>(byTopic.keySet());
    }
}
