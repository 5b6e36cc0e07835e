package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4RecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "from 203.0.113.77 at 10:30 | from [ip] at 10:30",
            "connect 10.0.0.1:8080 | connect [ip]:8080",
            "ip=192.168.1.23; | ip=[ip];"
    })
    void catches(String text, String expected) {
        assertThat(only(new Ipv4Recognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "version 1.2.3.4 crashed", "v1.2.3.4", "app_version=1.2.3.4", "build: 10.0.1.2",
            "256.1.1.1", "1.2.3.4.5", "version 16.0.1 crashed", "1.2.3"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
