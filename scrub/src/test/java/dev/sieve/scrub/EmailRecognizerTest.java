package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "call alice@example.com tomorrow | call [email] tomorrow",
            "leet 4l1c3@3x4mpl3.c0m | leet [email]",
            "mail alice@example·com | mail [email]",
            "mail A.Bob+tag@mail.example.co.uk now | mail [email] now",
            "q=alice%40example.com | q=[email]",
            "q=alice%2540example.com | q=[email]",
            "from alice&#64;example.com | from [email]",
            "ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ wrote | [email] wrote",
            "alice\u200B@example\u00AD.com wrote | [email] wrote",
            "ALICE@EXAMPLE.COM | [email]",
            "搜索 alice@example.com 的电话 | 搜索 [email] 的电话",
            "用户@例子.测试 | [email]",
            "alice@example。com | [email]",
            "ⓐⓛⓘⓒⓔ@ⓔⓧⓐⓜⓟⓛⓔ.ⓒⓞⓜ | [email]",
            "bounce \"alice.smith\"@example.com now | bounce [email] now",
            "mail alice@example[.]com | mail [email]",
            "to alice@[203.0.113.1] failed | to [email] failed",
            "to bob@[IPv6:2001:db8::1] failed | to [email] failed",
            "zhangwei@xn--fsqu00a.xn--3lr804guic | [email]"
    })
    void catches(String text, String expected) {
        assertThat(only(new EmailRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "an @ sign alone", "user@localhost", "a@b", "price @ 5.00 each", "foo@bar.1", "say \"hi\"@ noon", "lib@1.2.45", "v@2.0.1"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
