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
            "ip=192.168.1.23; | ip=[ip];",
            "host 0xCB.0x00.0x71.0x2A up | host [ip] up",
            "host 0313.0.0161.052 up | host [ip] up",
            "from 203.000.113.042 | from [ip]",
            "blocked 203[.]0[.]113[.]42 today | blocked [ip] today"
    })
    void catches(String text, String expected) {
        assertThat(only(new Ipv4Recognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "version 1.2.3.4 crashed", "v1.2.3.4", "app_version=1.2.3.4", "build: 10.0.1.2",
            "256.1.1.1", "1.2.3.4.5", "version 16.0.1 crashed", "1.2.3",
            "0400.1.1.1", "0x1FF.1.1.1", "v0x1.0x2.0x3.0x4"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
