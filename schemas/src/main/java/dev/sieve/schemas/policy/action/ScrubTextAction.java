package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import java.util.Optional;
import java.util.Set;

/** {@code scrub_text}: remove what identifies people from free text (recognizers with validators, in module anonymize). */
public record ScrubTextAction() implements FieldAction {

    public static final ActionType<ScrubTextAction> TYPE = ActionType.withoutOptions("scrub_text",
            StoredForm.SCRUBBED, Set.of(FieldKind.TEXT), new ScrubTextAction());

    @Override
    public ActionType<ScrubTextAction> type() {
        return TYPE;
    }

    @Override
    public Optional<StoredValue> output(ContractField source) {
        return Optional.of(StoredValue.text(FieldKind.TEXT));
    }

    @Override
    public String describe() {
        return "scrubbed text (e-mail addresses, phone, card, IBAN, identity, IMEI and document numbers, IP and MAC"
                + " addresses, coordinates, credentials, tokens, account handles and the event's own identifiers"
                + " removed)";
    }
}
