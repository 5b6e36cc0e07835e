package dev.sieve.anonymize.action;

import dev.sieve.schemas.pseudonym.KeyRing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pseudonymize}: HMAC-SHA-256 under the purpose's own key for the event's key epoch (see
 * {@link KeyRing}). The same value gives the same pseudonym within an epoch and purpose, and never the same
 * pseudonym in another purpose.
 */
public final class Pseudonymize {

    private final KeyRing ring;
    private final Duration overlap;

    public Pseudonymize(KeyRing ring, Duration overlap) {
        this.ring = ring;
        this.overlap = overlap;
    }

    public String apply(String value, Instant eventTime, Instant now) {
        return value == null ? null : ring.pseudonymize(value, eventTime, now, overlap);
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
