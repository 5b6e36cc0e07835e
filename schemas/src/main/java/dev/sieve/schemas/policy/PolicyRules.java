package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.schemas.policy.action.ActionType;
import dev.sieve.schemas.policy.action.DropAction;
import dev.sieve.schemas.policy.action.FieldAction;
import dev.sieve.schemas.policy.action.FieldActions;
import dev.sieve.schemas.policy.action.StoredForm;
import java.util.List;
import java.util.Optional;

/**
 * The privacy policy's own rules, as pure functions over the parts of a policy. Each returns the problem in
 * words, or empty when the part complies. The loader attaches the location.
 */
final class PolicyRules {

    private PolicyRules() {}

    /** "If we use your information beyond the following purposes, we will ask you again ... and obtain your consent." */
    static Optional<String> consent(String purposeId, PolicySection section, boolean consentRequired) {
        if (section.consentRequired() && !consentRequired) {
            return Optional.of("purpose '" + purposeId + "' rests on section " + section.id()
                    + ", which the privacy policy only allows with the subject's consent: set consent: required");
        }
        return Optional.empty();
    }

    /** "We do not compare the information we store in our analytics software with the personally identifiable information." */
    static Optional<String> identifiers(String purposeId, PolicySection section, IdentifierForm form) {
        if (section.unlinkableToIdentity() && form == IdentifierForm.RAW) {
            return Optional.of("purpose '" + purposeId + "' rests on section " + section.id()
                    + ", which promises its data is never matched with identities: identifiers must be pseudonymous"
                    + " or anonymous, not raw");
        }
        return Optional.empty();
    }

    /** Whether the action applies to the field's kind at all: {@code truncate_ip} needs an IP address, and so on. */
    static Optional<String> kind(ActionType<?> action, ContractField field) {
        if (action.appliesTo(field.kind())) {
            return Optional.empty();
        }
        return Optional.of("action '" + action.id() + "' does not apply to field '" + field.name() + "' of kind '"
                + field.kind().id() + "' (valid: " + String.join(", ", FieldActions.idsFor(field.kind())) + ")");
    }

    /**
     * What a purpose may do with one field given the form in which it sees identifiers. Raw purposes may keep
     * anything; the others must transform every field that points at a person.
     */
    static Optional<String> field(String purposeId, IdentifierForm form, ContractField field, FieldAction action) {
        if (form == IdentifierForm.RAW) {
            return Optional.empty();
        }
        StoredForm stored = action.type().form();
        if (form == IdentifierForm.ANONYMOUS && stored == StoredForm.PSEUDONYM) {
            return Optional.of("purpose '" + purposeId + "' is anonymous and may not hold pseudonyms: drop field '"
                    + field.name() + "'");
        }
        if (stored != StoredForm.AS_COLLECTED) {
            return Optional.empty();
        }
        boolean pointsAtAPerson = switch (field.privacy()) {
            case DIRECT_IDENTIFIER, FREE_TEXT, SENSITIVE -> true;
            case QUASI_IDENTIFIER -> field.kind() == FieldKind.URL;
            case NON_PERSONAL -> false;
        };
        if (!pointsAtAPerson) {
            return eventLink(purposeId, form, field);
        }
        return Optional.of(describe(field.privacy()) + " '" + field.name() + "' is kept as collected in purpose '"
                + purposeId + "', whose identifiers are " + form.id() + ": use " + instead(field.kind(), form));
    }

    /**
     * "We do not compare the information we store in our analytics software with the personally identifiable
     * information": a value that is exact per event (its id, a timestamp to the millisecond, a measured duration) is
     * the same in every purpose that keeps it as collected, so it joins a non-raw purpose's rows to the raw purposes'
     * rows of the same event, and through them to the person. Non-raw purposes keep such fields only transformed.
     */
    private static Optional<String> eventLink(String purposeId, IdentifierForm form, ContractField field) {
        String what = switch (field.kind()) {
            case IDENTIFIER -> "identifier";
            case TIMESTAMP -> "exact time";
            case NUMBER -> "exact number";
            default -> null;
        };
        if (what == null || field.privacy() == PrivacyClass.DIRECT_IDENTIFIER) {
            return Optional.empty();
        }
        return Optional.of(what + " '" + field.name() + "' is kept as collected in purpose '" + purposeId
                + "', whose identifiers are " + form.id() + ": the same value in a raw purpose's table would link"
                + " this purpose's row to it; use " + instead(field.kind(), form));
    }

    /**
     * The actions a non-raw purpose may take instead of keeping a field of this kind as collected, e.g.
     * {@code pseudonymize or drop}: every action that applies to the kind and changes the value (no pseudonyms in
     * anonymous purposes), then {@code drop}.
     */
    private static String instead(FieldKind kind, IdentifierForm form) {
        List<String> ids = FieldActions.ALL.stream()
                .filter(a -> a.appliesTo(kind))
                .filter(a -> a.form() != StoredForm.AS_COLLECTED && a.form() != StoredForm.NOTHING)
                .filter(a -> form != IdentifierForm.ANONYMOUS || a.form() != StoredForm.PSEUDONYM)
                .map(ActionType::id)
                .toList();
        String drop = DropAction.TYPE.id();
        return ids.isEmpty() ? drop : String.join(", ", ids) + " or " + drop;
    }

    private static String describe(PrivacyClass privacy) {
        return switch (privacy) {
            case DIRECT_IDENTIFIER -> "direct identifier";
            case FREE_TEXT -> "free text";
            case SENSITIVE -> "sensitive field";
            case QUASI_IDENTIFIER -> "URL";
            case NON_PERSONAL -> "field";
        };
    }
}
