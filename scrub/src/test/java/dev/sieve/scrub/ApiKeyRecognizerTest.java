package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "key sk_live_4eC39HqLyjWDarjtT1zdp7dc ok | key [credential] ok",
            "AKIAIOSFODNN7EXAMPLE | [credential]",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789 | [credential]",
            "xoxb-123456789012-abcdefghijklmnop | [credential]"
    })
    void catches(String text, String expected) {
        assertThat(only(new ApiKeyRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "sk-1 is a model", "skill_level high", "akia is a name", "ghp_short"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
