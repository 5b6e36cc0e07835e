package dev.sieve.anonymize.pipeline;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deterministic test keys: two epochs per pseudonymizing purpose, secrets derived from the purpose name. */
public final class TestKeyRings {

    public static final Instant EPOCH_1 = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant EPOCH_2 = Instant.parse("2026-12-01T00:00:00Z");

    private TestKeyRings() {}

    public static Map<String, KeyRing> forPolicy(Policy policy) {
        Map<String, KeyRing> rings = new LinkedHashMap<>();
        for (Purpose p : policy.purposes().values()) {
            if (KeyRingLoader.pseudonymizes(p)) {
                rings.put(p.id(), KeyRing.of(p.id(), List.of(
                        new PseudonymKey("e1", EPOCH_1, secret(p.id() + "/e1")),
                        new PseudonymKey("e2", EPOCH_2, secret(p.id() + "/e2")))));
            }
        }
        return rings;
    }

    /** The erasure list's key. */
    public static ErasureListKey erasureList() {
        return new ErasureListKey(erasureListKey());
    }

    private static PseudonymKey erasureListKey() {
        return new PseudonymKey("list", EPOCH_1, secret(ErasureListKey.NAME));
    }

    /** Environment variables carrying the same keys, for apps started with {@code KeyRingLoader}. */
    public static Map<String, String> asEnvironment(Policy policy) {
        Map<String, String> env = new LinkedHashMap<>();
        forPolicy(policy).forEach((purpose, ring) -> {
            int n = 1;
            for (PseudonymKey k : ring.keys()) {
                env.put("SIEVE_KEY__" + purpose.toUpperCase() + "__" + n++, k.id() + "," + k.validFrom() + ","
                        + java.util.Base64.getEncoder().encodeToString(k.secret()));
            }
        });
        PseudonymKey list = erasureListKey();
        env.put("SIEVE_KEY___ERASURE__1", list.id() + "," + list.validFrom() + ","
                + java.util.Base64.getEncoder().encodeToString(list.secret()));
        return env;
    }

    private static byte[] secret(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
