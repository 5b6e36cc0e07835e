package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SocialSecurityNumberRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "applicant 123-45-6789 rejected | applicant [document] rejected",
            "123 45 6789 | [document]",
            "(078-05-1120) | ([document])",
            "ssn 123–45–6789 | ssn [document]"
    })
    void catches(String text, String expected) {
        assertThat(only(new SocialSecurityNumberRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "123-45-67890",
            "1123-45-6789", "123-45-6789-1", "123-45 6789", "2026-12-05", "ab123-45-6789"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(only(new SocialSecurityNumberRecognizer(), text)).isEqualTo(text);
    }
}
