package dev.sieve.schemas.pseudonym;

/**
 * The pseudonyms one key made last, so a value seen again soon costs a string comparison instead of an HMAC. Events
 * come in runs from one device (an SDK sends a device's events in batches), so its subject, device and advertising
 * ids repeat within a few records; event ids never do and simply miss.
 *
 * <p>Direct-mapped: a value has one slot, chosen by its hash, and a newer value in that slot replaces it, so the memo
 * holds at most {@link #SLOTS} values and every look-up is one slot. Values longer than {@link #LONGEST} are not
 * kept (identifiers are short; a long value would only pin memory). A value whose slot is taken by another costs the
 * HMAC it cost without the memo, so colliding values chosen by a sender slow nothing down.
 *
 * <p>It lives and dies with its key: a ring dropped when keys are reloaded, or a rotating salt's ring dropped with
 * its salt, takes its memo along. Thread-safe without locks: a slot holds an immutable entry, and a racing write
 * only loses a memo.
 */
final class PseudonymMemo {

    static final int SLOTS = 64;
    static final int LONGEST = 128;

    private record Entry(int hash, String value, String pseudonym) {}

    private final Entry[] slots = new Entry[SLOTS];

    /** The pseudonym remembered for {@code value}, or {@code null}. */
    String get(String value) {
        int h = value.hashCode();
        Entry e = slots[slot(h)];
        return e != null && e.hash() == h && e.value().equals(value) ? e.pseudonym() : null;
    }

    void put(String value, String pseudonym) {
        if (value.length() <= LONGEST) {
            int h = value.hashCode();
            slots[slot(h)] = new Entry(h, value, pseudonym);
        }
    }

    private static int slot(int h) {
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
