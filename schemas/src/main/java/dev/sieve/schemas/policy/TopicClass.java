package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.Vocabulary;
import java.util.List;
import java.util.Optional;

/** Kinds of Kafka topics whose retention the policy sets. Control topics are compacted and not listed. */
public enum TopicClass implements Vocabulary {
    RAW("raw"),
    ENRICHED("enriched"),
    PURPOSE("purpose"),
    DLQ("dlq");

    private final String id;

    TopicClass(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Vocabulary.ids(TopicClass.class);
    }

    public static Optional<TopicClass> fromId(String id) {
        return Vocabulary.parse(TopicClass.class, id);
    }
}
