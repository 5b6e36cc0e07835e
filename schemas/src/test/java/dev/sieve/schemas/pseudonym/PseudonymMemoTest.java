package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymMemoTest {

    private static final Instant T = KeyRingTest.NOV.plusSeconds(60);

    /** The pseudonym by its definition, computed with the JDK's own HMAC and no memo. */
    private static String reference(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KeyRingTest.secret('a'), "HmacSHA256"));
        byte[] digest = mac.doFinal(("analytics\0" + value).getBytes(StandardCharsets.UTF_8));
        return "2026-11:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static KeyRing ring() {
        return KeyRing.of("analytics", List.of(new PseudonymKey("2026-11", KeyRingTest.NOV, KeyRingTest.secret('a'))));
    }

    /** Two different values that fall in the same slot. */
    private static String[] sameSlot() {
        for (int i = 1; ; i++) {
            String other = "dev-" + i;
            PseudonymMemo m = new PseudonymMemo();
            m.put("dev-0", "p");
            m.put(other, "q");
            if (m.get("dev-0") == null) {
                return new String[] {"dev-0", other};
            }
        }
    }

    @Test
    void aValueSeenAgainGetsThePseudonymItGotBefore() {
        PseudonymMemo memo = new PseudonymMemo();
        memo.put("dev-5c1f", "2026-11:abc");
        assertThat(memo.get("dev-5c1f")).isEqualTo("2026-11:abc");
        assertThat(memo.get("dev-5c1e")).isNull();
    }

    @Test
    void aValueInTheSameSlotReplacesTheOneBeforeAndNeverGetsItsPseudonym() throws Exception {
        String[] pair = sameSlot();
        KeyRing ring = ring();
        for (int round = 0; round < 3; round++) {
            for (String value : pair) {
                assertThat(ring.pseudonymize(value, T, T, KeyRingTest.OVERLAP)).isEqualTo(reference(value));
            }
        }
    }

    @Test
    void repeatedValuesKeepTheirDefinedPseudonym() throws Exception {
        KeyRing ring = ring();
        for (int i = 0; i < 3 * PseudonymMemo.SLOTS; i++) {
            String value = "user-" + (i % 50);
            assertThat(ring.pseudonymize(value, T, T, KeyRingTest.OVERLAP)).isEqualTo(reference(value));
        }
    }

    @Test
    void longValuesAreNotKept() {
        PseudonymMemo memo = new PseudonymMemo();
        String fits = "x".repeat(PseudonymMemo.LONGEST);
        String tooLong = "y".repeat(PseudonymMemo.LONGEST + 1);
        memo.put(fits, "a");
        memo.put(tooLong, "b");
        assertThat(memo.get(fits)).isEqualTo("a");
        assertThat(memo.get(tooLong)).isNull();
    }

    @Test
    void eachKeyOfARingHasItsOwnMemo() throws Exception {
        KeyRing ring = KeyRing.of("analytics", List.of(
                new PseudonymKey("2026-11", KeyRingTest.NOV, KeyRingTest.secret('a')),
                new PseudonymKey("2026-12", KeyRingTest.DEC, KeyRingTest.secret('b'))));
        String november = ring.pseudonymize("dev-5c1f", T, T, KeyRingTest.OVERLAP);
        Instant dec = KeyRingTest.DEC.plusSeconds(60);
        String december = ring.pseudonymize("dev-5c1f", dec, dec, KeyRingTest.OVERLAP);
        assertThat(november).isEqualTo(reference("dev-5c1f"));
        assertThat(december).startsWith("2026-12:").isNotEqualTo(november);
        assertThat(ring.pseudonymize("dev-5c1f", T, T, KeyRingTest.OVERLAP)).isEqualTo(november);
    }
}
