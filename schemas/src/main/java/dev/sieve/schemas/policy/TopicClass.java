package dev.sieve.schemas.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Kinds of Kafka topics whose retention the policy sets. Control topics are compacted and not listed. */
public enum TopicClass {
    RAW("raw"),
    ENRICHED("enriched"),
    PURPOSE("purpose"),
    DLQ("dlq");

    private final String id;

    TopicClass(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(TopicClass::id).toList();
    }

    public static Optional<TopicClass> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
