package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Deterministic test salts, as the salt keeper would publish them (it makes random ones). */
public final class TestSalts {

    private TestSalts() {}

    public static PeriodSalt salt(String purpose, Rotation.Period period) {
        return PeriodSalt.newBuilder().setPurpose(purpose).setPeriod(period.id()).setStartsAt(period.start())
                .setEndsAt(period.end()).setSalt(ByteBuffer.wrap(bytes(purpose + "/" + period.id())))
                .setCreatedAt(Instant.EPOCH).build();
    }

    /** The salts of the period containing {@code now} of every rotation the policy uses, for projections. */
    public static RotatingSalts current(Policy policy, Instant now) {
        Map<String, PeriodSalt> salts = new HashMap<>();
        SaltKeeper.rotations(policy).forEach((purpose, rotations) -> rotations.forEach(r -> salts.put(
                Topics.saltKey(purpose, r.periodOf(now).id()), salt(purpose, r.periodOf(now)))));
        return RotatingSalts.of(salts);
    }

    /** The same salt as a key, for computing expected pseudonyms. */
    public static PseudonymKey key(String purpose, Rotation.Period period) {
        return RotatingSalts.key(salt(purpose, period));
    }

    private static byte[] bytes(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
