package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LookAlikeDigitsRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "call 138OO138OOO now | call [number] now",
            "l38OOl38OOO | [number]",
            "ref 1380013800o | ref [number]",
            "card 4lll1111llll1111 | card [number]"
    })
    void catches(String text, String expected) {
        assertThat(only(new LookAlikeDigitsRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "1080p video", "ios17 update", "lol", "oil 12", "o1l1o", "version 10o", "pool11", "boo1234567", "lolololo12"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
