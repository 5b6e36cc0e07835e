package dev.sieve.schemas.pseudonym;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The key epochs of one purpose, and the pseudonyms they make. A pseudonym is
 * {@code <key id>:<base64url(HMAC-SHA-256(key, purpose NUL value))>}: stable for a value within a key epoch,
 * different across purposes (each has its own keys, and the purpose is mixed in in case two share a secret),
 * and useless without the key.
 *
 * <p>The epoch is chosen by the event's own time, not by when it is processed, so reprocessing an event after
 * a crash or a replay yields the same pseudonym. Events older than the first epoch use the first key. The
 * overlap window bounds how long a retired key keeps serving late events: an event that arrives more than
 * {@code overlap} after the next epoch began is pseudonymized with the key current when it is processed.
 * After the overlap plus the longest table retention, no stored row can carry a retired key's pseudonyms and
 * the key can be deleted, which makes its pseudonyms unlinkable for good.
 */
public final class KeyRing {

    /** Separates purpose and value in the HMAC input; cannot occur in either. */
    private static final char SEPARATOR = '\0';
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    /** Chars of an HMAC-SHA-256 in unpadded base64url. */
    private static final int ENCODED_LENGTH = (HmacSha256.LENGTH * 8 + 5) / 6;

    private final String purpose;
    /** What every HMAC input starts with: the purpose, then the separator. */
    private final byte[] prefix;
    private final List<PseudonymKey> keys;
    /**
     * Per key, in {@link #keys}' order: its HMAC, and what its pseudonyms start with ({@code <key id>:}, ASCII as
     * {@link PseudonymKey} requires, so as Latin-1 bytes a pseudonym is built in one array without a concatenation).
     */
    private final HmacSha256[] macs;
    private final byte[][] idPrefixes;
    private final PseudonymMemo[] memos;

    private KeyRing(String purpose, List<PseudonymKey> keys) {
        this.purpose = purpose;
        this.keys = keys;
        byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
        this.prefix = Arrays.copyOf(p, p.length + 1);
        this.prefix[p.length] = (byte) SEPARATOR;
        this.macs = new HmacSha256[keys.size()];
        this.idPrefixes = new byte[keys.size()][];
        this.memos = new PseudonymMemo[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            byte[] secret = keys.get(i).secret();
            macs[i] = new HmacSha256(secret);
            Arrays.fill(secret, (byte) 0);
            idPrefixes[i] = (keys.get(i).id() + ":").getBytes(StandardCharsets.ISO_8859_1);
            memos[i] = new PseudonymMemo();
        }
    }

    /**
     * @param purpose the purpose the keys belong to
     * @param keys    its key epochs, in any order
     * @throws IllegalArgumentException if there is no key, or two keys share an id or a start
     */
    public static KeyRing of(String purpose, List<PseudonymKey> keys) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("purpose " + purpose + " has no pseudonymization key");
        }
        List<PseudonymKey> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing(PseudonymKey::validFrom));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (!ids.add(sorted.get(i).id())) {
                throw new IllegalArgumentException("purpose " + purpose + ": key id " + sorted.get(i).id()
                        + " is used twice");
            }
            if (i > 0 && sorted.get(i).validFrom().equals(sorted.get(i - 1).validFrom())) {
                throw new IllegalArgumentException("purpose " + purpose + ": keys " + sorted.get(i - 1).id() + " and "
                        + sorted.get(i).id() + " start at the same instant");
            }
        }
        return new KeyRing(purpose, List.copyOf(sorted));
    }

    public String purpose() {
        return purpose;
    }

    /** Key epochs, oldest first. */
    public List<PseudonymKey> keys() {
        return keys;
    }

    /** The key whose epoch contains {@code t}. */
    public PseudonymKey keyAt(Instant t) {
        return keys.get(indexAt(t));
    }

    /** Keys whose epoch overlaps {@code [from, to]}: every key a row stored in that window may have used. */
    public List<PseudonymKey> keysBetween(Instant from, Instant to) {
        return keys.subList(indexAt(from), indexAt(to) + 1);
    }

    /**
     * The pseudonym of {@code value} for an event that happened at {@code eventTime} and is processed at
     * {@code now}.
     */
    public String pseudonymize(String value, Instant eventTime, Instant now, Duration overlap) {
        return pseudonymize(value, indexFor(eventTime, now, overlap));
    }

    /** The key {@link #pseudonymize(String, Instant, Instant, Duration)} uses. */
    public PseudonymKey keyFor(Instant eventTime, Instant now, Duration overlap) {
        return keys.get(indexFor(eventTime, now, overlap));
    }

    /** The pseudonym of {@code value} under one specific key of this ring, for erasure and subject access. */
    public String pseudonymize(String value, PseudonymKey key) {
        int index = keys.indexOf(key);
        if (index < 0) {
            throw new IllegalArgumentException("key " + key.id() + " is not in the ring of purpose " + purpose);
        }
        return pseudonymize(value, index);
    }

    /** The pseudonym of {@code value} under this ring's oldest key: the only key of a rotating salt's ring. */
    String pseudonymizeWithFirst(String value) {
        return pseudonymize(value, 0);
    }

    private String pseudonymize(String value, int index) {
        Objects.requireNonNull(value, "value");
        String known = memos[index].get(value);
        if (known != null) {
            return known;
        }
        byte[] digest = macs[index].mac(prefix, value.getBytes(StandardCharsets.UTF_8));
        byte[] id = idPrefixes[index];
        byte[] chars = Arrays.copyOf(id, id.length + ENCODED_LENGTH);
        System.arraycopy(BASE64.encode(digest), 0, chars, id.length, ENCODED_LENGTH);
        String pseudonym = new String(chars, StandardCharsets.ISO_8859_1);
        memos[index].put(value, pseudonym);
        return pseudonym;
    }

    private int indexFor(Instant eventTime, Instant now, Duration overlap) {
        int byEventTime = indexAt(eventTime);
        int current = indexAt(now);
        if (byEventTime < current && now.isAfter(keys.get(byEventTime + 1).validFrom().plus(overlap))) {
            return current;
        }
        return byEventTime;
    }

    private int indexAt(Instant t) {
        int index = 0;
        for (int i = 1; i < keys.size() && !keys.get(i).validFrom().isAfter(t); i++) {
            index = i;
        }
        return index;
    }

    @Override
    public String toString() {
        return "KeyRing[purpose=" + purpose + ", keys=" + keys.stream().map(PseudonymKey::id).toList() + "]";
    }
}
