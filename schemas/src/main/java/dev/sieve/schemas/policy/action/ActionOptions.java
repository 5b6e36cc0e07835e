package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The options one rule of the policy file writes for its action, as its {@link ActionType} reads them. Every
 * problem is reported with the option's place in the file; the reading methods return empty (or false) after
 * reporting one, and the action's reader then returns empty.
 */
public interface ActionOptions {

    /** The field the rule is for. */
    ContractField field();

    /** Whether the rule writes the option. */
    boolean has(String key);

    /** The option's value; empty when it is not written or blank (reported). */
    Optional<String> text(String key);

    /** The option's value as a whole number; empty when it is not written or not one (reported). */
    Optional<Integer> wholeNumber(String key);

    /** The option's list of values; an empty list when not written, empty when it is no list (reported). */
    Optional<List<String>> texts(String key);

    /**
     * The option's value as {@code parse} reads it; empty when not written, or when {@code parse} finds nothing,
     * reported as {@code message.apply(value)} followed by the {@code known} values.
     */
    <T> Optional<T> oneOf(String key, Function<String, Optional<T>> parse, List<String> known,
            Function<String, String> message);

    /**
     * Whether the rule writes an option the action cannot do without; reports it when not.
     *
     * @param what    what the option is to the action, e.g. {@code target}
     * @param example the values it takes, e.g. {@code hour|day|month}
     */
    boolean require(String key, String what, String example);

    /** Reports that the option's value is not acceptable; {@code message} says why and what is. */
    void reject(String key, String message);
}
