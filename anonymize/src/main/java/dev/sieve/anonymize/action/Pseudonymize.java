package dev.sieve.anonymize.action;

import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.RotatingPseudonyms;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code pseudonymize}: HMAC-SHA-256 under the purpose's own key for the event's key epoch (see
 * {@link KeyRing}), or, for a rule with {@code rotate}, under the random salt of the event's period (see
 * {@link RotatingPseudonyms}). The same value gives the same pseudonym within an epoch or period and purpose,
 * and never the same pseudonym in another purpose.
 */
public final class Pseudonymize {

    /** How one value becomes its pseudonym. */
    @FunctionalInterface
    private interface Keying {
        String pseudonym(String value, Instant eventTime, Instant now);
    }

    private final Keying keying;

    /** @param ring the purpose's key ring as it is now: keys added while the stage runs are used once they apply */
    public Pseudonymize(Supplier<KeyRing> ring, Duration overlap) {
        this.keying = (value, eventTime, now) -> ring.get().pseudonymize(value, eventTime, now, overlap);
    }

    /** Rotating pseudonyms; {@link dev.sieve.schemas.pseudonym.SaltUnavailableException} when no salt is live. */
    public Pseudonymize(RotatingPseudonyms rotating, RotatingSalts salts) {
        this.keying = (value, eventTime, now) -> rotating.pseudonymize(value, eventTime, now, salts);
    }

    public String apply(String value, Instant eventTime, Instant now) {
        return value == null ? null : keying.pseudonym(value, eventTime, now);
    }

    public List<String> apply(List<String> values, Instant eventTime, Instant now) {
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(apply(v, eventTime, now));
        }
        return out;
    }
}
