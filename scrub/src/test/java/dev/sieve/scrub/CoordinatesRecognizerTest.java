package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoordinatesRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "near 39.9042, 116.4074 please | near [location], [location] please",
            "gps lat=39.904200 lng=116.407400 lost | gps lat=[location] lng=[location] lost",
            "geo:-33.8688,151.2093 | geo:[location],[location]",
            "at (40.7128 -74.0060) | at ([location] [location])",
            "39.9042° N, 116.4074° E | [location]° N, [location]° E",
            "39°54'15\"N 116°24'27\"E | [location]N [location]E",
            "at 39° 54′ 15.6″ N, 116° 24′ 27.4″ E | at [location] N, [location] E",
            "N39°54'15\" E116°24'27\" | N[location] E[location]",
            "39°54.25'N 116°24.45'E | [location]N [location]E",
            "-33°52'07'' 151°12'33'' | [location] [location]",
            "lng:116.4074 lat:39.9042 | lng:[location] lat:[location]",
            "[116.4074, 39.9042] | [[location], [location]]"
    })
    void catches(String text, String expected) {
        assertThat(only(new CoordinatesRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "pi is 3.1415", "prices 12.50, 13.75", "version 10.0.19045.1234", "ratio 0.125 to 0.250",
            "lat 95.1234, 100.1234", "195.1234, 10.1234", "took 1.2345 s and 2.3456 s of 3.4567", "angle 45°30'",
            "39°54' N, 116°24' E", "it was 39°C today and 116°F there", "turn 90°15'20\" left",
            "lat 95°10'10\" 100°10'10\""
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
