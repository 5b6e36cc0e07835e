package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.FieldKind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The definition of one field action, independent of any rule: the word the policy file uses for it, what it stores, the
 * kinds of field it applies to, the options it reads and how it reads them. One constant per action, {@code TYPE} of its
 * class; {@link FieldActions} lists them all, and anonymize finds each action's applier by it.
 *
 * @param <A> the action's class
 */
public final class ActionType<A extends FieldAction> {

    private final String id;
    private final StoredForm form;
    private final Set<FieldKind> kinds;
    private final Function<FieldKind, Set<String>> options;
    private final Function<ActionOptions, Optional<A>> reader;

    /**
     * @param id      the action's name in the policy file
     * @param form    what its rules store of a field
     * @param kinds   the kinds of field it applies to
     * @param options the option names it reads for a field of the given kind
     * @param reader  reads and checks the options of one rule; empty after reporting each problem
     */
    public ActionType(String id, StoredForm form, Set<FieldKind> kinds, Function<FieldKind, Set<String>> options,
            Function<ActionOptions, Optional<A>> reader) {
        this.id = Objects.requireNonNull(id, "id");
        this.form = Objects.requireNonNull(form, "form");
        this.kinds = Set.copyOf(kinds);
        this.options = Objects.requireNonNull(options, "options");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** An action that reads no option. */
    public static <A extends FieldAction> ActionType<A> withoutOptions(String id, StoredForm form,
            Set<FieldKind> kinds, A action) {
        return new ActionType<>(id, form, kinds, kind -> Set.of(), options -> Optional.of(action));
    }

    /** Every kind of field. */
    public static Set<FieldKind> anyKind() {
        return EnumSet.allOf(FieldKind.class);
    }

    public String id() {
        return id;
    }

    public StoredForm form() {
        return form;
    }

    public boolean appliesTo(FieldKind kind) {
        return kinds.contains(kind);
    }

    /** The options a rule of this action may write for a field of {@code kind}. */
    public Set<String> options(FieldKind kind) {
        return options.apply(kind);
    }

    /** The action of one rule, or empty after {@code options} reported what is wrong with it. */
    public Optional<A> read(ActionOptions options) {
        return reader.apply(options);
    }

    @Override
    public String toString() {
        return id;
    }
}
