package dev.sieve.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizedTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ＡＬＩＣＥ＠ｅｘａｍｐｌｅ．ｃｏｍ | alice@example.com",
            "alice%40example.com | alice@example.com",
            "alice%2540example.com | alice@example.com",
            "caf%C3%A9 | café",
            "alice&#64;example&#x2E;com | alice@example.com",
            "alice\\u0040example.com | alice@example.com",
            "a\u200Bb\u00ADc\uFEFFd | abcd",
            "e\u0301 | e",
            "100% sure, %zz and %E2%82 | 100% sure, %zz and %e2%82",
            "&#; &#xZZ; &#99999999999; | &#; &#xzz; &#99999999999;",
            "аlice@еxаmple.соm | alice@example.com",
            "ΑLICΕ ο ІVAN іvan | alice o ivan ivan",
            "bօb | bob",
            "привет 微信号 été | пpивeт 微信号 été",
            "l1 O0 | l1 o0",
            "bob&commat;example&period;com &AMP; &unknown; | bob@example.com &amp; &unknown;",
            "bob%u0040example.com bob\\x40example.com | bob@example.com bob@example.com",
            "%uZZZZ \\xZZ | %uzzzz \\xzz",
            "203[.]0(.)113{.}42 and [.) [ .] | 203.0.113.42 and [.) [ .]",
            "https:\\/\\/example.com\\/u | https://example.com/u",
            "alice@example·com 乔治·华盛顿 a•b ·x | alice@example.com 乔治·华盛顿 a.b ·x",
            "ALICE@EXAMPLE·COM A·1 京A·12345 | alice@example.com a.1 京a.12345"
    })
    void readsWhatTheTextMeans(String original, String normalized) {
        assertThat(NormalizedText.of(original).text()).isEqualTo(normalized);
    }

    @Test
    void whiteSpaceOfEveryKindIsASpaceAndDashesOfEveryKindAHyphen() {
        assertThat(NormalizedText.of("138\t0013\n8000\r\n1\u000B2\f3").text()).isEqualTo("138 0013 8000 1 2 3");
        assertThat(NormalizedText.of("a\u2028b\u2029c\u0085d\u1680e\u3000f\u00A0g").text()).isEqualTo("a b c d e f g");
        assertThat(NormalizedText.of("138\u20130013\u20148000 \u2010\u2011\u2012\u2015\u2212\uFE58\uFF0D").text())
                .isEqualTo("138-0013-8000 -------");
        assertThat(NormalizedText.of("138_0013_8000 user_8812 _1_ 1__2").text()).isEqualTo("138-0013-8000 user_8812 _1_ 1__2");
        assertThat(NormalizedText.of("ＡＢ 138_0013_8000").text()).isEqualTo("ab 138-0013-8000");
        NormalizedText t = NormalizedText.of("A\nB");
        assertThat(t.text()).isEqualTo("a b");
        assertThat(t.originalSpan(1, 2)).as("char for char: the original line break is what gets replaced").isEqualTo("\n");
    }

    @Test
    void mapsEveryNormalizedSpanBackToItsOriginalSpan() {
        NormalizedText t = NormalizedText.of("x ａ%40b\u200B.c y");
        assertThat(t.text()).isEqualTo("x a@b.c y");
        assertThat(t.originalSpan(2, 7)).isEqualTo("ａ%40b\u200B.c");
        assertThat(t.originalSpan(3, 4)).isEqualTo("%40");
        assertThat(t.originalSpan(4, 5)).as("a dropped format char joins the char before it").isEqualTo("b\u200B");
    }
}
