package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.FieldKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of field actions: the policy file can name exactly these. Adding an action is its class and one line
 * here (and its applier in module anonymize).
 */
public final class FieldActions {

    /** Every action, in the order messages list them. */
    public static final List<ActionType<?>> ALL = List.of(
            KeepAction.TYPE,
            DropAction.TYPE,
            PseudonymizeAction.TYPE,
            TruncateIpAction.TYPE,
            GeneralizeAction.TYPE,
            ScrubUrlAction.TYPE,
            ScrubTextAction.TYPE);

    private FieldActions() {}

    /** The action the policy file calls {@code id}. */
    public static Optional<ActionType<?>> byId(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(ActionType::id).toList();
    }

    /** Ids of the actions that apply to a field of this kind, in registry order. */
    public static List<String> idsFor(FieldKind kind) {
        return ALL.stream().filter(t -> t.appliesTo(kind)).map(ActionType::id).toList();
    }

    /** Every option some action reads, sorted. */
    public static Set<String> optionNames() {
        Set<String> out = new TreeSet<>();
        for (ActionType<?> t : ALL) {
            for (FieldKind kind : FieldKind.values()) {
                out.addAll(t.options(kind));
            }
        }
        return out;
    }
}
