package dev.sieve.enrich.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerTest {

    private final Normalizer normalizer = new Normalizer(Duration.ofMinutes(5));
    private static final Instant RECEIVED = Instant.parse("2026-11-29T08:00:00Z");

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(value = {"'  Pixel   9 ', Pixel 9", "'\tTab\u00a0S9 ', Tab S9", "'   ', NULL", "'', NULL", "NULL, NULL"},
            nullValues = "NULL")
    void textIsTrimmedAndBlankIsNull(String in, String out) {
        assertThat(Normalizer.text(in)).isEqualTo(out);
    }

    /**
     * Every text of up to five characters over letters, plain, no-break and other Unicode spaces, tabs, line breaks
     * and control characters: the same as collapsing every run of white space and stripping, whichever way
     * {@code text} takes.
     */
    @Test
    void textIsTheCollapsedAndStrippedTextForEveryShortText() {
        Pattern whitespace = Pattern.compile("[\\s\\p{Z}]+");
        char[] alphabet = {'a', 'Z', ' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\u001f', '\u0001'};
        List<String> texts = new ArrayList<>(List.of(""));
        for (int length = 1, from = 0; length <= 5; length++) {
            int to = texts.size();
            for (int i = from; i < to; i++) {
                for (char c : alphabet) {
                    texts.add(texts.get(i) + c);
                }
            }
            from = to;
        }
        assertThat(texts).hasSize(111_111);
        for (String s : texts) {
            String expected = whitespace.matcher(s).replaceAll(" ").strip();
            assertThat(Normalizer.text(s)).as("[%s]", s).isEqualTo(expected.isEmpty() ? null : expected);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"android, Android", "ANDROID, Android", "iPhone OS, iOS", "ios, iOS", "Mac OS X, macOS",
            "HarmonyOS, HarmonyOS", "KaiOS, KaiOS"})
    void oneNamePerOperatingSystem(String in, String out) {
        assertThat(Normalizer.osName(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"' v16.0.1 ', 16.0.1", "V4.2.1-beta, 4.2.1-beta", "16.0.1 (build 7), 16.0.1", "17, 17",
            "beta, beta"})
    void versionsLoseTheirDecoration(String in, String out) {
        assertThat(Normalizer.version(in)).isEqualTo(out);
    }

    @Test
    void aClockAheadOfTheCollectorByMoreThanTheSkewIsReplacedByTheReceiveTime() {
        assertThat(normalizer.eventTime(RECEIVED.plus(Duration.ofMinutes(6)), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(normalizer.eventTime(RECEIVED.plus(Duration.ofMinutes(5)), RECEIVED))
                .isEqualTo(RECEIVED.plus(Duration.ofMinutes(5)));
        assertThat(normalizer.eventTime(RECEIVED.minus(Duration.ofDays(3)), RECEIVED))
                .as("events from the past are kept: devices send late").isEqualTo(RECEIVED.minus(Duration.ofDays(3)));
        assertThat(normalizer.eventTime(RECEIVED.plus(Duration.ofDays(1)), null)).isEqualTo(RECEIVED.plus(Duration.ofDays(1)));
    }

    @Test
    void negativeSkewIsRefused() {
        assertThatThrownBy(() -> new Normalizer(Duration.ofSeconds(-1)))
                .hasMessage("maxFutureSkew must not be negative");
    }
}
