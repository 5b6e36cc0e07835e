package dev.sieve.schemas.pseudonym;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (RFC 2104) under one key, with the key's inner and outer pad blocks hashed once, at construction.
 * {@code javax.crypto.Mac} hashes both pad blocks again for every message, which doubles the work for the short
 * values pseudonyms are made of (two SHA-256 blocks instead of four). The result is exactly {@code Mac}'s
 * ({@code HmacSha256Test} compares them). Thread-safe: each message is hashed on copies of the pad states.
 */
final class HmacSha256 {

    private static final int BLOCK = 64;
    /** Bytes of a SHA-256 hash, and so of an HMAC-SHA-256. */
    static final int LENGTH = 32;
    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    private final MessageDigest inner;
    private final MessageDigest outer;

    HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ INNER_PAD);
            opad[i] = (byte) (b ^ OUTER_PAD);
        }
        inner = sha256();
        inner.update(ipad);
        outer = sha256();
        outer.update(opad);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
    }

    /** HMAC of {@code first} followed by {@code second}. */
    byte[] mac(byte[] first, byte[] second) {
        MessageDigest in = copy(inner);
        in.update(first);
        in.update(second);
        // The inner hash goes into the result array, which the outer hash then overwrites: one array per HMAC.
        byte[] result = new byte[LENGTH];
        digestInto(in, result);
        MessageDigest out = copy(outer);
        out.update(result);
        digestInto(out, result);
        return result;
    }

    private static void digestInto(MessageDigest d, byte[] into) {
        try {
            d.digest(into, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("the JVM's SHA-256 cannot write its 32-byte hash", e);
        }
    }

    private static MessageDigest copy(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JVM's SHA-256 cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM cannot compute SHA-256", e);
        }
    }
}
