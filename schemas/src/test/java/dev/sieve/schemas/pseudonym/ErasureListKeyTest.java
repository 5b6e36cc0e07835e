package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ErasureListKeyTest {

    private static final byte[] SECRET = KeyRingTest.secret('e');
    private final ErasureListKey key = new ErasureListKey(new PseudonymKey("list", Instant.EPOCH, SECRET));

    @Test
    void anEntryIsTheHmacOfTheControlKeyAndNamesNoIdentifier() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("subject:alice@example.com"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(key.subject("alice@example.com")).isEqualTo(expected).hasSize(64).doesNotContain("alice");
    }

    @Test
    void subjectsAndDevicesWithTheSameIdHaveDifferentEntries() {
        assertThat(key.subject("42")).isNotEqualTo(key.device("42"));
    }

    @Test
    void anotherKeyGivesOtherEntries() {
        ErasureListKey other = new ErasureListKey(new PseudonymKey("list", Instant.EPOCH, KeyRingTest.secret('f')));
        assertThat(other.subject("alice")).isNotEqualTo(key.subject("alice"));
    }
}
