package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");
    static final Duration OVERLAP = Duration.ofDays(1);

    static byte[] secret(char fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private final KeyRing analytics = KeyRing.of("analytics",
            List.of(new PseudonymKey("2026-12", DEC, secret('b')), new PseudonymKey("2026-11", NOV, secret('a'))));

    @Test
    void pseudonymIsKeyIdAndUnpaddedBase64UrlOfTheHmac() {
        String p = analytics.pseudonymize("dev-5c1f", NOV.plusSeconds(60), NOV.plusSeconds(61), OVERLAP);
        assertThat(p).startsWith("2026-11:").hasSize("2026-11:".length() + 43).doesNotContain("dev-5c1f");
        assertThat(p.substring(8)).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void stableWithinAnEpochAndDifferentAcrossEpochs() {
        String a = analytics.pseudonymize("dev-5c1f", NOV.plusSeconds(1), NOV.plusSeconds(1), OVERLAP);
        String b = analytics.pseudonymize("dev-5c1f", NOV.plus(Duration.ofDays(20)), NOV.plus(Duration.ofDays(20)), OVERLAP);
        String c = analytics.pseudonymize("dev-5c1f", DEC.plusSeconds(1), DEC.plusSeconds(1), OVERLAP);
        assertThat(a).isEqualTo(b);
        assertThat(c).startsWith("2026-12:").isNotEqualTo(a);
    }

    @Test
    void differentPurposesNeverShareAPseudonymEvenWithTheSameSecret() {
        KeyRing ads = KeyRing.of("advertising", List.of(new PseudonymKey("2026-11", NOV, secret('a'))));
        Instant t = NOV.plusSeconds(5);
        assertThat(ads.pseudonymize("dev-5c1f", t, t, OVERLAP)).isNotEqualTo(
                analytics.pseudonymize("dev-5c1f", t, t, OVERLAP));
    }

    @Test
    void lateEventsUseTheirEpochKeyWithinTheOverlapAndTheCurrentKeyAfterIt() {
        Instant lateEvent = DEC.minusSeconds(60);
        assertThat(analytics.keyFor(lateEvent, DEC.plus(Duration.ofHours(23)), OVERLAP).id()).isEqualTo("2026-11");
        assertThat(analytics.keyFor(lateEvent, DEC.plus(Duration.ofHours(25)), OVERLAP).id()).isEqualTo("2026-12");
    }

    @Test
    void eventsBeforeTheFirstEpochUseTheFirstKey() {
        assertThat(analytics.keyAt(NOV.minusSeconds(1)).id()).isEqualTo("2026-11");
    }

    @Test
    void keysBetweenCoverEveryEpochAWindowTouches() {
        assertThat(analytics.keysBetween(NOV.plusSeconds(1), DEC.plusSeconds(1))).extracting(PseudonymKey::id)
                .containsExactly("2026-11", "2026-12");
        assertThat(analytics.keysBetween(DEC, DEC.plusSeconds(1))).extracting(PseudonymKey::id)
                .containsExactly("2026-12");
    }

    @Test
    void pseudonymUnderAGivenKeyMatchesTheOneMadeForTheEvent() {
        PseudonymKey nov = analytics.keyAt(NOV);
        assertThat(analytics.pseudonymize("user-8812", nov))
                .isEqualTo(analytics.pseudonymize("user-8812", NOV.plusSeconds(3), NOV.plusSeconds(3), OVERLAP));
    }

    @Test
    void secretsNeverAppearInTextAndShortOnesAreRefused() {
        PseudonymKey key = new PseudonymKey("k1", NOV, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        assertThat(key.toString()).isEqualTo("PseudonymKey[id=k1, validFrom=2026-11-01T00:00:00Z, secret=<redacted>]");
        assertThatThrownBy(() -> new PseudonymKey("k1", NOV, new byte[16]))
                .hasMessage("key k1: secret has 16 bytes, needs at least 32");
        assertThatThrownBy(() -> KeyRing.of("analytics", List.of(new PseudonymKey("k1", NOV, secret('a')),
                new PseudonymKey("k1", DEC, secret('b'))))).hasMessage("purpose analytics: key id k1 is used twice");
    }
}
