package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.schemas.policy.action.StoredForm;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a purpose's table that can single a person out in combination (the quasi-identifiers
 * k-anonymity is measured over): fields the schemas class as {@code quasi_identifier} or {@code sensitive}, in
 * whatever form the purpose keeps them (generalized or not), and direct identifiers kept coarsened
 * ({@code truncate_ip}): a /24 network no longer names a device, but it narrows one down like a postcode does.
 *
 * <p>Pseudonyms are left out: a pseudonym identifies (every row of a device shares it), so counting it would
 * measure nothing but how often devices send events. Free text is left out too: scrubbed text is not a category
 * rows are meant to share.
 */
public final class QuasiIdentifiers {

    private QuasiIdentifiers() {}

    /** The quasi-identifier fields the rule keeps, in policy order. */
    public static List<String> of(FamilyRule rule) {
        List<String> out = new ArrayList<>();
        for (FieldRule f : rule.fields().values()) {
            ContractField field = rule.family().fields().get(f.field());
            if (isQuasiIdentifier(field.privacy(), f.action().type().form())) {
                out.add(f.field());
            }
        }
        return out;
    }

    private static boolean isQuasiIdentifier(PrivacyClass privacy, StoredForm form) {
        if (form == StoredForm.NOTHING) {
            return false;
        }
        return switch (privacy) {
            case QUASI_IDENTIFIER, SENSITIVE -> true;
            case DIRECT_IDENTIFIER -> form == StoredForm.COARSENED;
            case FREE_TEXT, NON_PERSONAL -> false;
        };
    }
}
