package dev.sieve.benchmarks;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fresh random pseudonymization keys and salts for every purpose that needs them; benchmarks keep nothing. */
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

    /** A fresh random salt for the period containing {@code now} of every rotation the policy uses. */
    static RotatingSalts salts(Policy policy, Instant now) {
        SecureRandom random = new SecureRandom();
        Map<String, PeriodSalt> salts = new HashMap<>();
        SaltKeeper.rotations(policy).forEach((purpose, rotations) -> rotations.forEach(r -> {
            Rotation.Period period = r.periodOf(now);
            byte[] salt = new byte[SaltKeeper.SALT_BYTES];
            random.nextBytes(salt);
            salts.put(Topics.saltKey(purpose, period.id()), PeriodSalt.newBuilder().setPurpose(purpose)
                    .setPeriod(period.id()).setStartsAt(period.start()).setEndsAt(period.end())
                    .setSalt(ByteBuffer.wrap(salt)).setCreatedAt(now).build());
        }));
        return RotatingSalts.of(salts);
    }

    /** A random erasure-list key: the benchmark's list stays empty, but every event is looked up in it. */
    static ErasureListKey erasureList() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new ErasureListKey(new PseudonymKey("bench", Instant.EPOCH, secret));
    }
}
