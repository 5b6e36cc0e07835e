package dev.sieve.enrich.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceClassifierTest {

    @ParameterizedTest(name = "{0} on {1} is a {2}")
    @CsvSource(value = {"Pixel 9, Android, phone", "'iPhone15,2', iOS, phone", "'iPad13,4', iPadOS, tablet",
            "Galaxy Tab S9, Android, tablet", "SM-T970, Android, tablet", "AFTMM, Android, tv", "Bravia 4K, Android, tv",
            "'MacBookPro18,1', macOS, desktop", "ThinkPad X1, Windows, desktop", "Unknown, KaiOS, other",
            "NULL, NULL, other"}, nullValues = "NULL")
    void classifiesCoarsely(String model, String os, String expected) {
        assertThat(DeviceClassifier.classify(model, os)).isEqualTo(expected);
    }
}
