package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import java.util.Optional;

/** {@code keep}: the value as collected, in its own type. */
public record KeepAction() implements FieldAction {

    public static final ActionType<KeepAction> TYPE = ActionType.withoutOptions("keep", StoredForm.AS_COLLECTED,
            ActionType.anyKind(), new KeepAction());

    @Override
    public ActionType<KeepAction> type() {
        return TYPE;
    }

    @Override
    public Optional<StoredValue> output(ContractField source) {
        return Optional.of(new StoredValue(source.type(), source.kind()));
    }

    @Override
    public String describe() {
        return "kept as collected";
    }
}
