package dev.sieve.benchmarks;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fresh random pseudonymization keys for every purpose that needs one; benchmarks keep nothing. */
final class BenchmarkKeys {

    private BenchmarkKeys() {}

    static Map<String, KeyRing> random(Policy policy) {
        SecureRandom random = new SecureRandom();
        Map<String, KeyRing> rings = new HashMap<>();
        for (Purpose p : policy.purposes().values()) {
            if (KeyRingLoader.pseudonymizes(p)) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                rings.put(p.id(), KeyRing.of(p.id(), List.of(new PseudonymKey("bench", Instant.EPOCH, secret))));
            }
        }
        return rings;
    }

    /** A random erasure-list key: the benchmark's list stays empty, but every event is looked up in it. */
    static ErasureListKey erasureList() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new ErasureListKey(new PseudonymKey("bench", Instant.EPOCH, secret));
    }
}
