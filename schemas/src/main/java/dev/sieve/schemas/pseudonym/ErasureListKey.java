package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the erasure list, {@code sieve.control.erasure}: every entry is a keyed hash (HMAC-SHA-256) of what it
 * stands for, never the identifier itself. The list only has to answer "is this id erased?", which the hash of the
 * id answers as well as the id, while the id stays unreadable to anyone who reads the topic without the key.
 *
 * <p>The key is separate from every purpose's pseudonymization keys (a purpose's pseudonym must not reveal list
 * membership, nor the reverse) and does not rotate: a new key would orphan every entry. It is loaded with the
 * pseudonymization keys ({@link KeyRingLoader#erasureListKey}) under the reserved name {@link #NAME}.
 */
public final class ErasureListKey {

    /** The reserved key-directory entry and environment name part: {@code <keys dir>/_erasure/<id>.key}. */
    public static final String NAME = "_erasure";
    private static final String HMAC = "HmacSHA256";

    private final PseudonymKey key;
    private final ThreadLocal<Mac> mac;

    public ErasureListKey(PseudonymKey key) {
        this.key = Objects.requireNonNull(key, "key");
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** The list entry of a subject: hex HMAC of its {@link Topics#subjectKey control key}. */
    public String subject(String subjectId) {
        return hash(Topics.subjectKey(subjectId));
    }

    /** The list entry of a device: hex HMAC of its {@link Topics#deviceKey control key}. */
    public String device(String deviceId) {
        return hash(Topics.deviceKey(deviceId));
    }

    /** Hex HMAC-SHA-256 of any value, e.g. a stored identifier form to compare with an entry's forms. */
    public String hash(String value) {
        return HexFormat.of().formatHex(mac.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(HMAC);
            m.init(new SecretKeySpec(key.secret(), HMAC));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ErasureListKey[id=" + key.id() + ", secret=<redacted>]";
    }
}
