package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code scrub_url}: strip credentials, query and fragment, keeping only allow-listed query parameters (their values
 * scrubbed as text); replace identifying path segments, or report the app's matching route template.
 *
 * @param allowParams query parameters kept ({@code allow_params}); all others are removed
 */
public record ScrubUrlAction(List<String> allowParams) implements FieldAction {

    private static final String ALLOW_PARAMS = "allow_params";

    public static final ActionType<ScrubUrlAction> TYPE = new ActionType<>("scrub_url", StoredForm.SCRUBBED,
            Set.of(FieldKind.URL), kind -> Set.of(ALLOW_PARAMS), ScrubUrlAction::read);

    public ScrubUrlAction {
        allowParams = List.copyOf(allowParams);
    }

    @Override
    public ActionType<ScrubUrlAction> type() {
        return TYPE;
    }

    @Override
    public Optional<StoredValue> output(ContractField source) {
        return Optional.of(StoredValue.text(FieldKind.URL));
    }

    @Override
    public String describe() {
        return allowParams.isEmpty()
                ? "scrubbed URL (no credentials, query or fragment; identifying path segments replaced)"
                : "scrubbed URL (no credentials or fragment; identifying path segments replaced; query keeps only "
                        + String.join(", ", allowParams) + ", their values scrubbed as text)";
    }

    private static Optional<ScrubUrlAction> read(ActionOptions options) {
        return options.texts(ALLOW_PARAMS).map(ScrubUrlAction::new);
    }
}
