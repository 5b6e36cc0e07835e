package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IbanRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "iban GB82 WEST 1234 5698 7654 32 ok | iban [iban] ok",
            "DE89370400440532013000 | [iban]",
            "to fr1420041010050500013m02606. | to [iban]."
    })
    void catches(String text, String expected) {
        assertThat(only(new IbanRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "gb82 west", "AB12 is a code"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void aWrongCheckIsNoIban() {
        assertThat(only(new IbanRecognizer(), "GB82 WEST 1234 5698 7654 33")).isEqualTo("GB82 WEST 1234 5698 7654 33");
    }
}
