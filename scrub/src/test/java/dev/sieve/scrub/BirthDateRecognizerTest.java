package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BirthDateRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "dob: 1990-07-21 ok | dob: [birth_date] ok",
            "DOB 21/07/1990 | DOB [birth_date]",
            "date of birth = 1990.07.21 | date of birth = [birth_date]",
            "born on July 21, 1990 in Beijing | born on [birth_date] in Beijing",
            "my birthday is 07-21 | my birthday is [birth_date]",
            "出生日期：1990年7月21日 | 出生日期：[birth_date]",
            "生日 12月25日 | 生日 [birth_date]",
            "我的生日是7月21日 | 我的生日是[birth_date]",
            "d.o.b. 21 jul 1990 | d.o.b. [birth_date]"
    })
    void catches(String text, String expected) {
        assertThat(only(new BirthDateRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "meeting 2026-12-05", "born to run", "birthday party at 7", "dob unknown", "generated 2026-12-05 by dobby",
            "生日快乐", "db 1990-07-21", "dob 12"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
