package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RotatingPseudonymsTest {

    private static final Instant DEC = Instant.parse("2026-12-10T00:00:00Z");
    private static final Instant JAN = Instant.parse("2027-01-10T00:00:00Z");
    private final RotatingPseudonyms analytics = new RotatingPseudonyms("analytics", Rotation.MONTH);

    @Test
    void oneDeviceHasOnePseudonymPerMonthAndUnrelatedOnesAcrossMonths() {
        RotatingSalts salts = RotatingSalts.of(salts("m2026-12", 'a', "m2027-01", 'b'));
        String early = analytics.pseudonymize("device-1", DEC, DEC, salts);
        String late = analytics.pseudonymize("device-1", DEC.plusSeconds(86_400 * 20), DEC, salts);
        String january = analytics.pseudonymize("device-1", JAN, JAN, salts);
        assertThat(early).startsWith("m2026-12:").isEqualTo(late);
        assertThat(january).startsWith("m2027-01:");
        assertThat(january.substring(9)).isNotEqualTo(early.substring(9));
        assertThat(analytics.pseudonymize("device-2", DEC, DEC, salts)).isNotEqualTo(early);
        assertThat(new RotatingPseudonyms("advertising", Rotation.MONTH).pseudonymize("device-1", DEC, DEC,
                RotatingSalts.of(Map.of(Topics.saltKey("advertising", "m2026-12"),
                        salt("advertising", "m2026-12", 'a'))))).as("same salt bytes, other purpose")
                .isNotEqualTo(early);
    }

    @Test
    void anEventWhosePeriodIsDestroyedUsesTheCurrentSaltAndNoSaltMeansNoValue() {
        RotatingSalts onlyJanuary = RotatingSalts.of(salts("m2027-01", 'b', null, ' '));
        assertThat(analytics.saltFor(DEC, JAN, onlyJanuary).id()).isEqualTo("m2027-01");
        assertThat(analytics.pseudonymize("device-1", DEC, JAN, onlyJanuary))
                .isEqualTo(analytics.pseudonymize("device-1", JAN, JAN, onlyJanuary));
        assertThatThrownBy(() -> analytics.pseudonymize("device-1", DEC, DEC, RotatingSalts.none()))
                .isInstanceOf(SaltUnavailableException.class)
                .hasMessage("no salt for period m2026-12 of purpose analytics: the salt keeper (run by the anonymize"
                        + " stage) creates each period's salt ahead of it; is it running and can it write the salt"
                        + " topic?");
    }

    private static Map<String, PeriodSalt> salts(String first, char a, String second, char b) {
        Map<String, PeriodSalt> out = new HashMap<>();
        out.put(Topics.saltKey("analytics", first), salt("analytics", first, a));
        if (second != null) {
            out.put(Topics.saltKey("analytics", second), salt("analytics", second, b));
        }
        return out;
    }

    private static PeriodSalt salt(String purpose, String period, char fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PeriodSalt.newBuilder().setPurpose(purpose).setPeriod(period).setStartsAt(Instant.EPOCH)
                .setEndsAt(Instant.EPOCH).setSalt(ByteBuffer.wrap(bytes)).setCreatedAt(Instant.EPOCH).build();
    }
}
