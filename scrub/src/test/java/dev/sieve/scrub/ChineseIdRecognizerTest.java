package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseIdRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "id 11010519491231002X ok | id [national_id] ok",
            "身份证号11010519491231002x | 身份证号[national_id]"
    })
    void catches(String text, String expected) {
        assertThat(only(new ChineseIdRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "issued 19491231", "issued 1949-12-31"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void aWrongCheckCharacterOrDateIsNoId() {
        assertThat(only(new ChineseIdRecognizer(), "110105194912310021")).isEqualTo("110105194912310021");
        assertThat(only(new ChineseIdRecognizer(), "11010519491331002X")).isEqualTo("11010519491331002X");
    }
}
