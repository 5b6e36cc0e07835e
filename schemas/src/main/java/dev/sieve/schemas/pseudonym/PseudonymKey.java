package dev.sieve.schemas.pseudonym;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One epoch of a purpose's pseudonymization key. The secret never appears in {@link #toString()}.
 *
 * @param id        short key id carried in every pseudonym made with it, e.g. {@code 2026-11}
 * @param validFrom events whose time is at or after this instant use this key, until the next key's epoch
 * @param secret    HMAC-SHA-256 key, at least {@link #MIN_SECRET_BYTES} bytes
 */
public record PseudonymKey(String id, Instant validFrom, byte[] secret) {

    public static final int MIN_SECRET_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,16}");

    public PseudonymKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(secret, "secret");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id '" + id + "' must be 1 to 16 letters, digits or dashes");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("key " + id + ": secret has " + secret.length + " bytes, needs at least "
                    + MIN_SECRET_BYTES);
        }
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PseudonymKey k && id.equals(k.id) && validFrom.equals(k.validFrom)
                && Arrays.equals(secret, k.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, validFrom);
    }

    @Override
    public String toString() {
        return "PseudonymKey[id=" + id + ", validFrom=" + validFrom + ", secret=<redacted>]";
    }
}
