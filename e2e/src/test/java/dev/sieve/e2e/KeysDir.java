package dev.sieve.e2e;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A {@code keys.dir} with a random key for every purpose that pseudonymizes and for the erasure list. */
final class KeysDir {

    private KeysDir() {}

    static void write(Path keys, Policy policy) throws Exception {
        SecureRandom random = new SecureRandom();
        List<String> names = new ArrayList<>(policy.purposes().values().stream().filter(KeyRingLoader::pseudonymizes)
                .map(Purpose::id).toList());
        names.add(ErasureListKey.NAME);
        for (String name : names) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            Files.writeString(Files.createDirectories(keys.resolve(name)).resolve("e2e.key"),
                    "valid_from=2000-01-01T00:00:00Z\nsecret=" + Base64.getEncoder().encodeToString(secret) + "\n");
        }
    }
}
