package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6RecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "from 2001:db8:85a3::8a2e:370:7334 | from [ip]",
            "from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok | from [ip] ok",
            "from ::ffff:192.0.2.1 | from [ip]",
            "fe80::1%eth0 link | [ip] link",
            "at [2001:db8::1]:443 | at [[ip]]:443",
            "addr:2001:db8::1 | addr:[ip]",
            "loopback ::1 | loopback [ip]"
    })
    void catches(String text, String expected) {
        assertThat(only(new Ipv6Recognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "at 10:30:45", "std::vector", "12:00", "a:b:c", "Class::method"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
