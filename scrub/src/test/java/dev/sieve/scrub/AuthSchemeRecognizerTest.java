package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthSchemeRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "sent Bearer abcdef123456 twice | sent Bearer [credential] twice",
            "Basic dXNlcjpwYXNzd29yZA== | Basic [credential]",
            "basic YWxpY2U6c2VjcmV0 | basic [credential]"
    })
    void catches(String text, String expected) {
        assertThat(only(new AuthSchemeRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "basic information", "the bearer of bad news", "Basic plan upgrade"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
