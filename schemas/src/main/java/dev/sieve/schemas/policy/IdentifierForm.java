package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.Vocabulary;
import java.util.List;
import java.util.Optional;

/**
 * In which form a purpose may see direct identifiers. It decides which rules apply to its fields and, in the
 * sink, who may read its tables: analysts only read purposes whose form is not {@link #RAW}.
 */
public enum IdentifierForm implements Vocabulary {
    /** Identifiers as collected (service delivery, security). */
    RAW("raw"),
    /** Identifiers only as purpose-scoped pseudonyms. */
    PSEUDONYMOUS("pseudonymous"),
    /** No identifiers at all, not even pseudonyms. */
    ANONYMOUS("anonymous");

    private final String id;

    IdentifierForm(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Vocabulary.ids(IdentifierForm.class);
    }

    public static Optional<IdentifierForm> fromId(String id) {
        return Vocabulary.parse(IdentifierForm.class, id);
    }
}
