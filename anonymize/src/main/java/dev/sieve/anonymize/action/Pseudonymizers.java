package dev.sieve.anonymize.action;

import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import dev.sieve.schemas.pseudonym.KeyRings;
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
     * @param rings   the key rings, asked for at every event (re-read from {@code keys.dir} by the running stage);
     *                a purpose without a ring can only pseudonymize with rotating rules
     * @param overlap how long a retired key still serves late events
     * @param salts   the live salts of rotating rules
     */
    public Pseudonymizers(String purpose, KeyRings rings, Duration overlap, RotatingSalts salts) {
        this.purpose = purpose;
        this.keyed = rings.current().containsKey(purpose)
                ? new Pseudonymize(new CurrentRing(rings, purpose), overlap) : null;
        this.salts = salts;
    }

    /** The pseudonymizer a {@code pseudonymize} rule for {@code field} asks for. */
    public Pseudonymize forAction(PseudonymizeAction action, String field) {
        if (action.rotate().isPresent()) {
            return rotating.computeIfAbsent(action.rotate().get(),
                    r -> new Pseudonymize(new RotatingPseudonyms(purpose, r), salts));
        }
        if (keyed == null) {
            throw new IllegalArgumentException("purpose " + purpose + " pseudonymizes " + field
                    + " but has no key ring");
        }
        return keyed;
    }
}
