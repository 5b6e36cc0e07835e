package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObfuscatedEmailRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "alice dot smith at example dot com | [email]",
            "write to alice [at] example [dot] com | write to [email]",
            "alice(at)example.com | [email]",
            "alice @ example.com | [email]",
            "ALICE {AT} EXAMPLE {DOT} CO {DOT} UK please | [email] please",
            "alice [ at ] example . com | [email]",
            "alice at example dot com | [email]",
            "mail alice.smith at example.com | mail [email]",
            "zw88 at example.com | [email]",
            "alice@example dot com | [email]",
            "alice艾特example.com吧 | [email]吧",
            "张伟 艾特 example.cn | [email]"
    })
    void catches(String text, String expected) {
        assertThat(only(new ObfuscatedEmailRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "visit us at example.com", "meet at noon", "at home dot",
            "we met at 10.30 today", "艾特一下张伟", "alice艾特example"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
