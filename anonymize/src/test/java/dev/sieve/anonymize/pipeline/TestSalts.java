package dev.sieve.anonymize.pipeline;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/** Deterministic test salts, as the salt keeper would publish them (it makes random ones). */
public final class TestSalts {

    private TestSalts() {}

    public static PeriodSalt salt(String purpose, Rotation.Period period) {
        return PeriodSalt.newBuilder().setPurpose(purpose).setPeriod(period.id()).setStartsAt(period.start())
                .setEndsAt(period.end()).setSalt(ByteBuffer.wrap(bytes(purpose + "/" + period.id())))
                .setCreatedAt(Instant.EPOCH).build();
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
