package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ring +86 138 0013 8000 please | ring [phone] please",
            "ring 13800138000 | ring [phone]",
            "ring 138-0013-8000 | ring [phone]",
            "ring (010) 6552-9988 | ring [phone]",
            "ring +44 20 7946 0958 | ring [phone]",
            "ring +1 650-253-0000 | ring [phone]",
            "ring ＋８６ １３８ ００１３ ８０００ | ring [phone]",
            "ring ١٣٨٠٠١٣٨٠٠٠ | ring [phone]",
            "ring 138­0013​8000 | ring [phone]",
            "whatsapp +44 7700 900123 now | whatsapp [phone] now",
            "ring +1 (555) 010-0199 | ring [phone]"
    })
    void catches(String text, String expected) {
        assertThat(only(new PhoneRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    /** Numbers written as one run of digits, which libphonenumber reads without its matcher (PhoneNumbersTest). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ring 8613800138000 | ring [phone]",
            "ring 008613800138000 | ring [phone]",
            "ring 01065529988 | ring [phone]",
            "ring 075512345678 now | ring [phone] now",
            "ring 13800138000/13900139000 | ring [phone]/[phone]"
    })
    void catchesRunsOfDigits(String text, String expected) {
        assertThat(only(new PhoneRecognizer(), text)).isEqualTo(expected);
    }

    /** Runs of digits that are no valid number of the region: one digit short or long, no such range, no prefix. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ticket 1380013800", "ticket 138001380001", "ticket 0000000000", "ticket 10000000000",
            "ticket 12345678901234567", "ticket 6552998", "ticket 86138001380"
    })
    void leavesRunsOfDigitsThatAreNoNumberAlone(String text) {
        assertThat(only(new PhoneRecognizer(), text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "on 2026-12-05 paid 1,299.00", "order 12345 shipped", "at 10:30:45", "v2.10.3",
            "paid 12,345,678.90 yuan", "between 2026-12-05 and 2026-12-31", "score +3 of 10", "v+1.2.3",
            "temperature +21.5 at 10:30"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
