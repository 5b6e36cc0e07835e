package dev.sieve.schemas.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * In which form a purpose may see direct identifiers. It decides which rules apply to its fields and, in the
 * sink, who may read its tables: analysts only read purposes whose form is not {@link #RAW}.
 */
public enum IdentifierForm {
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

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(IdentifierForm::id).toList();
    }

    public static Optional<IdentifierForm> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
