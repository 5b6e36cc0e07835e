package dev.sieve.schemas.policy;

import dev.sieve.schemas.policy.action.FieldAction;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import java.util.Objects;
import java.util.Optional;

/**
 * What one purpose does with one field.
 *
 * @param field  field name in the family's contract
 * @param action the action, with the options the rule gives it
 */
public record FieldRule(String field, FieldAction action) {

    public FieldRule {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(action, "action");
    }

    /**
     * How often the key of a rotating pseudonym changes; empty unless the rule pseudonymizes with {@code rotate}.
     * Key and salt management (salt keeper, erasure, the sink's key epoch guard) asks this of every rule.
     */
    public Optional<Rotation> rotate() {
        return action instanceof PseudonymizeAction p ? p.rotate() : Optional.empty();
    }
}
