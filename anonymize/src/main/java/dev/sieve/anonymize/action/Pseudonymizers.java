package dev.sieve.anonymize.action;

import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.RotatingPseudonyms;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The pseudonymizers of one purpose: its long-lived key ring, and one per rotation its rules use. */
public final class Pseudonymizers {

    private final String purpose;
    private final Pseudonymize keyed;
    private final RotatingSalts salts;
    private final Map<Rotation, Pseudonymize> rotating = new EnumMap<>(Rotation.class);

    /**
     * @param ring    the purpose's key ring; null if it has none (then only rotating rules can pseudonymize)
     * @param overlap how long a retired key still serves late events
     * @param salts   the live salts of rotating rules
     */
    public Pseudonymizers(String purpose, KeyRing ring, Duration overlap, RotatingSalts salts) {
        this.purpose = purpose;
        this.keyed = ring == null ? null : new Pseudonymize(ring, overlap);
        this.salts = salts;
    }

    /** The pseudonymizer a {@code pseudonymize} rule asks for. */
    public Pseudonymize forRule(FieldRule rule) {
        if (rule.rotate().isPresent()) {
            return rotating.computeIfAbsent(rule.rotate().get(),
                    r -> new Pseudonymize(new RotatingPseudonyms(purpose, r), salts));
        }
        if (keyed == null) {
            throw new IllegalArgumentException("purpose " + purpose + " pseudonymizes " + rule.field()
                    + " but has no key ring");
        }
        return keyed;
    }
}
