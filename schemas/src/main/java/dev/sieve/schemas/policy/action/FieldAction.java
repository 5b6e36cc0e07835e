package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import java.util.Optional;

/**
 * What one purpose does to one field, with the options its rule gives: one class per action, each registered in
 * {@link FieldActions}. The class says what the action stores and how the inventory words it; its {@link #type()}
 * says how the policy file names it and which options it reads. What it does to a value at run time is module
 * anonymize's, found there by the same {@link ActionType}.
 *
 * <p>Implementations are values: two rules with the same action and options are equal.
 */
public interface FieldAction {

    /** The action's definition: its name in the policy file, the fields it applies to, its options. */
    ActionType<?> type();

    /** What the action stores of {@code source}; empty when it stores nothing. */
    Optional<StoredValue> output(ContractField source);

    /** The rule in the inventory's words, e.g. {@code truncated to /24 (IPv4), /48 (IPv6)}. */
    String describe();
}
