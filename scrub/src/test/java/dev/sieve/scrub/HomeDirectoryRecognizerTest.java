package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HomeDirectoryRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "cannot read /home/zhangwei/.config/app.json | cannot read /home/[handle]/.config/app.json",
            "/Users/Alice/Library/Logs/app.log | /Users/[handle]/Library/Logs/app.log",
            "C:\\Users\\alice.smith\\AppData\\Local\\app.log not found"
                    + " | C:\\Users\\[handle]\\AppData\\Local\\app.log not found",
            "at C:\\Documents and Settings\\zw88\\app.ini | at C:\\Documents and Settings\\[handle]\\app.ini"
    })
    void catches(String text, String expected) {
        assertThat(only(new HomeDirectoryRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "cannot open /var/log/app.log", "missing /home/", "/Users/Shared/app.log", "C:\\Users\\Public\\x.txt",
            "home users page"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
