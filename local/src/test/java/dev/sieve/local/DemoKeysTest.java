package dev.sieve.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoKeysTest {

    @TempDir
    Path dir;

    @Test
    void everyPurposeThatPseudonymizesGetsAKeyTheStagesLoad() throws Exception {
        Policy policy = PolicyLoader.loadDefault();

        int written = DemoKeys.write(dir, policy, new SecureRandom());
        Map<String, KeyRing> rings = KeyRingLoader.load(policy, dir, Map.of());

        long pseudonymizing = policy.purposes().values().stream().filter(KeyRingLoader::pseudonymizes).count();
        assertThat(written).isEqualTo(pseudonymizing).isPositive();
        assertThat(rings).hasSize(written);
        for (Purpose p : policy.purposes().values()) {
            if (KeyRingLoader.pseudonymizes(p)) {
                Path key = dir.resolve(p.id()).resolve("demo.key");
                assertThat(Files.readString(key)).startsWith("# DEMO KEY");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            }
        }
        assertThat(KeyRingLoader.erasureListKey(dir, Map.of())).hasToString("ErasureListKey[id=demo, secret=<redacted>]");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("_erasure/demo.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void everyRunGetsKeysOfItsOwn() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        DemoKeys.write(dir.resolve("a"), policy, new SecureRandom());
        DemoKeys.write(dir.resolve("b"), policy, new SecureRandom());

        assertThat(Files.readString(dir.resolve("a/analytics/demo.key")))
                .isNotEqualTo(Files.readString(dir.resolve("b/analytics/demo.key")));
    }
}
