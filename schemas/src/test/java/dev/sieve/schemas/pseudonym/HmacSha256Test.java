package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HmacSha256Test {

    @ParameterizedTest(name = "key of {0} bytes")
    @ValueSource(ints = {1, 32, 63, 64, 65, 100, 200})
    void givesExactlyWhatTheJvmsMacGivesForKeysShorterAndLongerThanABlock(int keyLength) throws Exception {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        HmacSha256 hmac = new HmacSha256(key);
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(key, "HmacSHA256"));
        for (int length : new int[] {0, 1, 10, 55, 56, 63, 64, 65, 119, 120, 200, 1000}) {
            byte[] first = new byte[random.nextInt(20)];
            byte[] second = new byte[length];
            random.nextBytes(first);
            random.nextBytes(second);
            reference.update(first);
            assertThat(hmac.mac(first, second)).as("message of %d + %d bytes", first.length, length)
                    .isEqualTo(reference.doFinal(second));
        }
    }

    @Test
    void theRfc4231TestCaseTwoGivesItsPublishedValue() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] mac = new HmacSha256("Jefe".getBytes()).mac("what do ya want ".getBytes(), "for nothing?".getBytes());
        assertThat(java.util.HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
