package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "card 4111 1111 1111 1111 declined | card [card] declined",
            "card 4111-1111-1111-1111 | card [card]",
            "card 4111111111111111 | card [card]",
            "amex 378282246310005 | amex [card]",
            "imei 35-209900-176148-1 | imei [imei]",
            "imei 352099001761481 | imei [imei]",
            "card 4111.1111.1111.1111 | card [card]"
    })
    void catches(String text, String expected) {
        assertThat(only(new CardRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "order 4111 shipped", "2026-12-05 12:00"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void aNumberFailingLuhnIsNoCard() {
        assertThat(only(new CardRecognizer(), "card 4111 1111 1111 1112")).isEqualTo("card 4111 1111 1111 1112");
        assertThat(all("card 4111 1111 1111 1112")).as("still a long number").isEqualTo("card [number]");
    }
}
