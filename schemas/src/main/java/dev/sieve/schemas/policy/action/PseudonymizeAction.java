package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.policy.Rotation;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * {@code pseudonymize}: keyed HMAC-SHA-256 with a purpose-scoped key, so pseudonyms never link across purposes. A list
 * of strings becomes the list of their pseudonyms.
 *
 * @param rotate when present ({@code rotate: day|week|month}), the key is a random per-period salt that is destroyed
 *               after its period instead of the purpose's long-lived key
 */
public record PseudonymizeAction(Optional<Rotation> rotate) implements FieldAction {

    private static final String ROTATE = "rotate";

    public static final ActionType<PseudonymizeAction> TYPE = new ActionType<>("pseudonymize", StoredForm.PSEUDONYM,
            EnumSet.of(FieldKind.IDENTIFIER, FieldKind.IP_ADDRESS, FieldKind.STRING_LIST), kind -> Set.of(ROTATE),
            PseudonymizeAction::read);

    public PseudonymizeAction {
        Objects.requireNonNull(rotate, "rotate");
    }

    @Override
    public ActionType<PseudonymizeAction> type() {
        return TYPE;
    }

    @Override
    public Optional<StoredValue> output(ContractField source) {
        if (source.kind() == FieldKind.STRING_LIST) {
            return Optional.of(new StoredValue(Schema.createArray(StoredValue.text(FieldKind.IDENTIFIER).type()),
                    FieldKind.STRING_LIST));
        }
        return Optional.of(StoredValue.text(FieldKind.IDENTIFIER));
    }

    @Override
    public String describe() {
        return rotate.map(r -> "pseudonymized with a random key of this purpose that is replaced every " + r.id()
                + " (UTC) and then destroyed").orElse("pseudonymized with this purpose's own key");
    }

    private static Optional<PseudonymizeAction> read(ActionOptions options) {
        if (!options.has(ROTATE)) {
            return Optional.of(new PseudonymizeAction(Optional.empty()));
        }
        return options.oneOf(ROTATE, Rotation::fromId, Rotation.ids(), s -> "cannot rotate a pseudonym every '" + s
                + "'").map(r -> new PseudonymizeAction(Optional.of(r)));
    }
}
