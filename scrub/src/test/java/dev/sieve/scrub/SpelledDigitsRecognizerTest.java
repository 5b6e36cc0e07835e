package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpelledDigitsRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "手机一三八零零一三八零零零 | 手机[number]",
            "一三八〇〇一三八〇〇〇 | [number]",
            "打幺三八 〇〇一三 八〇〇〇吧 | 打[number]吧",
            "卡号壹叁捌零零壹叁捌零零零 | 卡号[number]",
            "qq 一二三四五六七八九 | qq [number]",
            "call one three eight zero zero one three eight zero zero zero now | call [number] now",
            "one-three-eight-oh-oh-one-three-eight-oh-oh-oh | [number]",
            "1 three 8 0 0 one 3 8 0 0 0 | [number]",
            "ONE, TWO, THREE, FOUR, FIVE, SIX, SEVEN, EIGHT, NINE. | [number]."
    })
    void catches(String text, String expected) {
        assertThat(only(new SpelledDigitsRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "一二三四五六七八", "十一月十二日", "一千三百五十八元", "三三两两", "一一对应", "第一二三 四五六七 章",
            "一三八零零  一三八零零", "one two three four five six seven eight", "one hundred and one",
            "someone two three four five six seven eight nine ten"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
