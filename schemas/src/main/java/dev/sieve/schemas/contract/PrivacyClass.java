package dev.sieve.schemas.contract;

import java.util.Optional;

/**
 * How much a field says about a person. Every event field declares one in its Avro schema ({@code "privacy"}
 * property); the policy's own rules are written against these classes.
 */
public enum PrivacyClass implements Vocabulary {
    /** Identifies a person or device on its own: account, device ID, advertising ID, IP address. */
    DIRECT_IDENTIFIER("direct_identifier"),
    /** Identifies in combination with other data: device model, versions, timestamps, URLs. */
    QUASI_IDENTIFIER("quasi_identifier"),
    /** Harmful if leaked: the when and how long of private communication. */
    SENSITIVE("sensitive"),
    /** Typed or generated text that may contain anything, identifiers included. */
    FREE_TEXT("free_text"),
    /** Says nothing about a person. */
    NON_PERSONAL("non_personal");

    private final String id;

    PrivacyClass(String id) {
        this.id = id;
    }

    /** The name used in schemas, the policy file and the inventory. */
    @Override
    public String id() {
        return id;
    }

    public static Optional<PrivacyClass> fromId(String id) {
        return Vocabulary.parse(PrivacyClass.class, id);
    }
}
