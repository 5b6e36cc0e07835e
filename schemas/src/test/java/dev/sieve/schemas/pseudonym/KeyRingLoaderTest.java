package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingLoaderTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(KeyRingTest.secret('s'));
    private static Policy policy;

    @BeforeAll
    static void load() throws Exception {
        policy = PolicyLoader.loadDefault();
    }

    /** Keys for every purpose that pseudonymizes, from the environment. */
    static Map<String, String> envForAll() {
        Map<String, String> env = new HashMap<>();
        for (Purpose p : policy.purposes().values()) {
            if (KeyRingLoader.pseudonymizes(p)) {
                env.put("SIEVE_KEY__" + p.id().toUpperCase() + "__1", "k1,2026-01-01T00:00:00Z," + SECRET);
            }
        }
        return env;
    }

    @Test
    void loadsARingForEveryPurposeThatPseudonymizes() throws Exception {
        Map<String, KeyRing> rings = KeyRingLoader.load(policy, null, envForAll());
        assertThat(rings.keySet()).containsExactly("personalization", "product_improvement", "advertising",
                "ad_measurement", "software_management", "analytics", "cross_service");
    }

    @Test
    void filesAndEnvironmentCombine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("analytics"));
        Files.writeString(dir.resolve("analytics/2026-12.key"), "valid_from=2026-12-01T00:00:00Z\nsecret=" + SECRET + "\n");
        Map<String, KeyRing> rings = KeyRingLoader.load(policy, dir, envForAll());
        assertThat(rings.get("analytics").keys()).extracting(PseudonymKey::id).containsExactly("k1", "2026-12");
    }

    @Test
    void everyProblemIsReportedWithoutSecrets(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("analytics"));
        Files.createDirectories(dir.resolve("marketing"));
        Files.writeString(dir.resolve("analytics/bad.key"), "valid_from=yesterday\nsecret=" + SECRET + "\n");
        Map<String, String> env = envForAll();
        env.remove("SIEVE_KEY__CROSS_SERVICE__1");
        env.put("SIEVE_KEY__ADVERTISING__2", "k2,2026-02-01T00:00:00Z,c2hvcnQ=");
        env.put("SIEVE_KEY__NOPE__1", "k1,2026-01-01T00:00:00Z," + SECRET);

        assertThatThrownBy(() -> KeyRingLoader.load(policy, dir, env))
                .isInstanceOfSatisfying(KeyException.class, e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            dir.resolve("marketing") + ": no purpose 'marketing' in the policy",
                            dir.resolve("analytics/bad.key") + ": valid_from 'yesterday' is not an ISO-8601 instant",
                            "SIEVE_KEY__ADVERTISING__2: key k2: secret has 5 bytes, needs at least 32",
                            "SIEVE_KEY__NOPE__1: expected SIEVE_KEY__<PURPOSE>__<n> naming a purpose of the policy",
                            "purpose cross_service pseudonymizes but has no key: add " + dir
                                    + "/cross_service/<key id>.key or SIEVE_KEY__CROSS_SERVICE__1");
                    assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("c2hvcnQ=");
                });
    }

    @Test
    void theErasureListKeyComesFromTheReservedEntryAndPurposeRingsIgnoreIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("_erasure"));
        Files.writeString(dir.resolve("_erasure/list-1.key"), "valid_from=2026-01-01T00:00:00Z\nsecret=" + SECRET + "\n");

        assertThat(KeyRingLoader.load(policy, dir, envForAll())).doesNotContainKey("_erasure");
        assertThat(KeyRingLoader.erasureListKey(dir, Map.of())).hasToString("ErasureListKey[id=list-1, secret=<redacted>]");
        Map<String, String> env = envForAll();
        env.put("SIEVE_KEY___ERASURE__1", "list-2,2026-01-01T00:00:00Z," + SECRET);
        assertThat(KeyRingLoader.load(policy, null, env)).doesNotContainKey("_erasure");
        assertThat(KeyRingLoader.erasureListKey(null, env)).hasToString("ErasureListKey[id=list-2, secret=<redacted>]");
    }

    @Test
    void aMissingOrSecondErasureListKeyStopsStartUpWithWhatToAdd(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> KeyRingLoader.erasureListKey(dir, envForAll())).isInstanceOf(KeyException.class)
                .hasMessageContaining("the erasure list has no key: add " + dir + "/_erasure/<key id>.key or"
                        + " SIEVE_KEY___ERASURE__1");
        Files.createDirectories(dir.resolve("_erasure"));
        Files.writeString(dir.resolve("_erasure/a.key"), "valid_from=2026-01-01T00:00:00Z\nsecret=" + SECRET + "\n");
        Map<String, String> env = Map.of("SIEVE_KEY___ERASURE__1", "b,2026-01-01T00:00:00Z," + SECRET);
        assertThatThrownBy(() -> KeyRingLoader.erasureListKey(dir, env)).isInstanceOf(KeyException.class)
                .hasMessageContaining("the erasure list has 2 keys, needs exactly one").hasMessageNotContaining(SECRET);
    }
}
