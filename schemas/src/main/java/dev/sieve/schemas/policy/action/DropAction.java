package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import java.util.Optional;

/**
 * {@code drop}: nothing of the field is stored. A field without a rule is dropped too (the default is deny); the
 * explicit rule says so where a reader of the policy would otherwise wonder.
 */
public record DropAction() implements FieldAction {

    public static final ActionType<DropAction> TYPE = ActionType.withoutOptions("drop", StoredForm.NOTHING,
            ActionType.anyKind(), new DropAction());

    @Override
    public ActionType<DropAction> type() {
        return TYPE;
    }

    @Override
    public Optional<StoredValue> output(ContractField source) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "dropped";
    }
}
