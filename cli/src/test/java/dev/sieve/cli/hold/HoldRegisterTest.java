package dev.sieve.cli.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.store.Hold;
import dev.sieve.sink.subject.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoldRegisterTest {

    static final List<HoldRegister.Listed> HOLDS = List.of(
            new HoldRegister.Listed(new Hold("case-7", new Subject(Optional.of("alice-subject"), Optional.empty()),
                    "legal@example", Instant.parse("2026-11-02T09:30:00.123Z"), "court order\n2026/17"),
                    List.of("cn-north", "eu-west")),
            new HoldRegister.Listed(new Hold("case-8", new Subject(Optional.of("bob-subject"), Optional.of("bob-device")),
                    "legal@example", Instant.parse("2026-11-03T10:00:00Z"), "litigation"), List.of("cn-north")));

    @Test
    void whoAHoldCoversIsHiddenUnlessAskedFor() {
        assertThat(HoldRegister.format(HOLDS, false)).isEqualTo("""
                HOLD    PLACED BY      PLACED AT             COVERS                    REGIONS           REASON
                case-7  legal@example  2026-11-02T09:30:00Z  subject (hidden)          cn-north,eu-west  court order 2026/17
                case-8  legal@example  2026-11-03T10:00:00Z  subject, device (hidden)  cn-north          litigation
                """);
        assertThat(HoldRegister.format(HOLDS, true)).contains(
                "case-8  legal@example  2026-11-03T10:00:00Z  subject bob-subject, device bob-device  cn-north");
    }

    @Test
    void anEmptyListSaysSo() {
        assertThat(HoldRegister.format(List.of(), false)).isEqualTo("no legal holds in force\n");
    }

    @Test
    void aHoldMissingInARegionIsIncomplete() {
        assertThat(HoldRegister.incomplete(HOLDS, List.of("cn-north", "eu-west"))).containsExactly("case-8");
    }
}
