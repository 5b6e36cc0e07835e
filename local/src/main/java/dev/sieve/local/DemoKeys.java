package dev.sieve.local;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Pseudonymization keys for one demo run, for when none are configured: one random key per purpose that
 * pseudonymizes, and the erasure list's ({@link ErasureListKey#NAME}), written in the {@code keys.dir} layout of
 * {@link KeyRingLoader} ({@code <dir>/<purpose>/demo.key}). They are new on every run and never shown, so pseudonyms of one run can
 * never be linked to another's; that is also why they are no use beyond a demo (or a benchmark that starts the
 * stages as processes of their own and hands them this directory).
 */
public final class DemoKeys {

    /** The key id, so every pseudonym they make says it is a demo one ({@code demo:...}). */
    static final String KEY_ID = "demo";
    /** Before any event a demo sends, so one key serves them all. */
    static final Instant VALID_FROM = Instant.parse("2000-01-01T00:00:00Z");
    private static final int SECRET_BYTES = 32;

    private DemoKeys() {}

    /**
     * Writes the keys into {@code dir}, readable by the owner only where the file system allows it.
     *
     * @return how many purposes got a key (the erasure list's is written as well)
     */
    public static int write(Path dir, Policy policy, SecureRandom random) throws IOException {
        int written = 0;
        for (Purpose purpose : policy.purposes().values()) {
            if (KeyRingLoader.pseudonymizes(purpose)) {
                writeKey(dir.resolve(purpose.id()), random);
                written++;
            }
        }
        writeKey(dir.resolve(ErasureListKey.NAME), random);
        return written;
    }

    private static void writeKey(Path keyDir, SecureRandom random) throws IOException {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        Path file = Files.createDirectories(keyDir).resolve(KEY_ID + ".key");
        Files.writeString(file, "# DEMO KEY made by ./sieve run for this run only: random, never shown, not for"
                + " production.\nvalid_from=" + VALID_FROM + "\nsecret=" + Base64.getEncoder().encodeToString(secret)
                + "\n", StandardCharsets.US_ASCII);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
