package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.testsupport.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingKeyRingsTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(KeyRingTest.secret('s'));
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static Policy policy;

    @BeforeAll
    static void load() throws Exception {
        policy = PolicyLoader.loadDefault();
    }

    /** A key {@code k1} for every purpose that pseudonymizes. */
    private static Path keysDir(Path dir) throws Exception {
        for (Purpose p : policy.purposes().values()) {
            if (KeyRingLoader.pseudonymizes(p)) {
                write(dir, p.id(), "k1", "2026-01-01T00:00:00Z");
            }
        }
        return dir;
    }

    private static void write(Path dir, String purpose, String id, String validFrom) throws Exception {
        Files.createDirectories(dir.resolve(purpose));
        Files.writeString(dir.resolve(purpose).resolve(id + ".key"), "valid_from=" + validFrom + "\nsecret=" + SECRET
                + "\n");
    }

    @Test
    void aKeyAddedToTheDirectoryIsSeenOnceTheReadingIsMaxAgeOld(@TempDir Path dir) throws Exception {
        MovableClock clock = new MovableClock(T0);
        ReloadingKeyRings rings = ReloadingKeyRings.load(policy, keysDir(dir), Map.of(), MAX_AGE, clock);
        write(dir, "analytics", "k2", "2026-12-06T00:00:00Z");

        clock.set(T0.plus(MAX_AGE).minusMillis(1));
        assertThat(rings.knows("analytics", "k2")).isFalse();
        clock.set(T0.plus(MAX_AGE));
        assertThat(rings.knows("analytics", "k2")).isTrue();
        assertThat(rings.current().get("analytics").keys()).extracting(PseudonymKey::id).containsExactly("k1", "k2");
    }

    @Test
    void rereadSeesANewKeyAtOnce(@TempDir Path dir) throws Exception {
        ReloadingKeyRings rings = ReloadingKeyRings.load(policy, keysDir(dir), Map.of(), MAX_AGE, new MovableClock(T0));
        write(dir, "analytics", "k2", "2026-12-06T00:00:00Z");

        assertThat(rings.reread().get("analytics").keys()).extracting(PseudonymKey::id).containsExactly("k1", "k2");
    }

    @Test
    void aRingWhoseKeysDidNotChangeIsKeptAsTheSameObject(@TempDir Path dir) throws Exception {
        ReloadingKeyRings rings = ReloadingKeyRings.load(policy, keysDir(dir), Map.of(), MAX_AGE, new MovableClock(T0));
        KeyRing security = rings.current().get("personalization");
        write(dir, "analytics", "k2", "2026-12-06T00:00:00Z");

        Map<String, KeyRing> after = rings.reread();
        assertThat(after.get("personalization")).isSameAs(security);
        assertThat(after.get("analytics").keys()).hasSize(2);
    }

    @Test
    void aBadReadingKeepsTheKeysReadBefore(@TempDir Path dir) throws Exception {
        ReloadingKeyRings rings = ReloadingKeyRings.load(policy, keysDir(dir), Map.of(), MAX_AGE, new MovableClock(T0));
        Files.writeString(dir.resolve("analytics/k2.key"), "valid_from=tomorrow\nsecret=" + SECRET + "\n");

        assertThat(rings.reread().get("analytics").keys()).extracting(PseudonymKey::id).containsExactly("k1");

        write(dir, "analytics", "k2", "2026-12-06T00:00:00Z");
        assertThat(rings.reread().get("analytics").keys()).extracting(PseudonymKey::id).containsExactly("k1", "k2");
    }

    @Test
    void theFirstReadingMustSucceed(@TempDir Path dir) {
        assertThatThrownBy(() -> ReloadingKeyRings.load(policy, dir, Map.of(), MAX_AGE, new MovableClock(T0)))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("purpose analytics pseudonymizes but has no key");
    }
}
