package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigitRunRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "tracking 123456789 | tracking [number]",
            "account 6222 0212 3456 7890 123 | account [number]",
            "call 1 3 8 0 0 1 3 8 0 0 0 now | call [number] now"
    })
    void catches(String text, String expected) {
        assertThat(only(new DigitRunRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "order 12345", "2026-12-05", "1,299.00", "1 2 3 4 5 6 7 8", "12:30:45"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
