package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MacRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "mac 00:1A:2B:3C:4D:5E ok | mac [mac] ok",
            "mac 00-1a-2b-3c-4d-5e | mac [mac]",
            "mac 001a.2b3c.4d5e | mac [mac]",
            "mac 001A2B3C4D5E | mac [mac]",
            "mac 00 1A 2B 3C 4D 5E ok | mac [mac] ok"
    })
    void catches(String text, String expected) {
        assertThat(only(new MacRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "at 10:30:45", "00:1A:2B:3C:4D", "ratio 12:34:56:78", "deadbeefcafe",
            "scores 10 20 30 40 50 60", "ab 12 cd 34 ef"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
