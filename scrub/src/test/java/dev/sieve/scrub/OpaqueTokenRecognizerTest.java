package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpaqueTokenRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "token eyJhbGciOiJIUzI1NiJ9abc123 expired | token [token] expired",
            "sid sess_8f3k2j1h4g5l6m7n8b9v | sid [token]",
            "md5 d41d8cd98f00b204e9800998ecf8427e | md5 [id]"
    })
    void catches(String text, String expected) {
        assertThat(only(new OpaqueTokenRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "internationalization", "a1a1a1a1a1a1a1a1a1a1", "release-2026-12-05-final",
            "iphone15 pro", "abcdefghijklmnopqrstu"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
