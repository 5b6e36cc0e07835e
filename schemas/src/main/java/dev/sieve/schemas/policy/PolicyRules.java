package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.contract.PrivacyClass;
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

    /**
     * What a purpose may do with one field given the form in which it sees identifiers. Raw purposes may keep
     * anything; the others must transform every field that points at a person.
     */
    static Optional<String> field(String purposeId, IdentifierForm form, ContractField field, Action action) {
        if (!action.isValidFor(field.kind())) {
            return Optional.of("action '" + action.id() + "' does not apply to field '" + field.name() + "' of kind '"
                    + field.kind().id() + "' (valid: " + String.join(", ", Action.validIdsFor(field.kind())) + ")");
        }
        if (form == IdentifierForm.RAW) {
            return Optional.empty();
        }
        if (form == IdentifierForm.ANONYMOUS && action == Action.PSEUDONYMIZE) {
            return Optional.of("purpose '" + purposeId + "' is anonymous and may not hold pseudonyms: drop field '"
                    + field.name() + "'");
        }
        if (action != Action.KEEP) {
            return Optional.empty();
        }
        String wanted = switch (field.privacy()) {
            case DIRECT_IDENTIFIER -> field.kind() == FieldKind.IP_ADDRESS
                    ? "truncate_ip, pseudonymize or drop" : "pseudonymize or drop";
            case FREE_TEXT -> "scrub_text or drop";
            case SENSITIVE -> "generalize or drop";
            case QUASI_IDENTIFIER -> field.kind() == FieldKind.URL ? "scrub_url or drop" : null;
            case NON_PERSONAL -> null;
        };
        if (wanted == null) {
            return eventLink(purposeId, form, field);
        }
        return Optional.of(describe(field.privacy()) + " '" + field.name() + "' is kept as collected in purpose '"
                + purposeId + "', whose identifiers are " + form.id() + ": use " + wanted);
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
        String wanted = switch (field.kind()) {
            case IDENTIFIER -> form == IdentifierForm.ANONYMOUS ? "drop" : "pseudonymize or drop";
            default -> "generalize or drop";
        };
        return Optional.of(what + " '" + field.name() + "' is kept as collected in purpose '" + purposeId
                + "', whose identifiers are " + form.id() + ": the same value in a raw purpose's table would link"
                + " this purpose's row to it; use " + wanted);
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
