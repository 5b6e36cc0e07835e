package dev.sieve.schemas.pseudonym;

import java.util.Map;

/**
 * The key rings of every purpose that pseudonymizes, as a long-running stage sees them now. Keys are added while
 * the pipeline runs (rotation: a key with a future {@code valid_from}), so a stage that pseudonymizes or searches
 * pseudonyms asks for the rings each time instead of keeping the ones it started with.
 */
public interface KeyRings {

    /** The rings as last read; a source that re-reads keeps this at most a bounded time old. */
    Map<String, KeyRing> current();

    /**
     * The rings read again now: what a stage calls when it meets a key id it does not know, before it concludes
     * the key is missing. Fixed rings return themselves.
     */
    Map<String, KeyRing> reread();

    /** Whether the purpose's ring has a key with this id. */
    default boolean knows(String purpose, String keyId) {
        KeyRing ring = current().get(purpose);
        return ring != null && ring.keys().stream().anyMatch(k -> k.id().equals(keyId));
    }

    /** Rings that never change: short-lived commands, tests and benchmarks. */
    static KeyRings fixed(Map<String, KeyRing> rings) {
        Map<String, KeyRing> copy = Map.copyOf(rings);
        return new KeyRings() {
            @Override
            public Map<String, KeyRing> current() {
                return copy;
            }

            @Override
            public Map<String, KeyRing> reread() {
                return copy;
            }
        };
    }
}
