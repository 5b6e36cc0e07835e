package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.CN;
import static dev.sieve.scrub.Scrubbing.all;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScrubberTest {

    @Test
    void replacesTheOriginalSpanWhateverEncodingItWasWrittenIn() {
        assertThat(all("mail ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ or bob%40example.com today"))
                .isEqualTo("mail [email] or [email] today");
    }

    @Test
    void lettersOfOtherScriptsImitatingAsciiAreReadAsTheLettersTheyImitate() {
        // Cyrillic а, е, о, с and Greek ο in place of Latin letters
        assertThat(CN.text("from аlice.smith@еxample.cοm as аlice.smith, bye",
                List.of("alice.smith@example.com"))).isEqualTo("from [email] as [id], bye");
        assertThat(all("привет, καλημέρα"))
                .as("words of those scripts are no identifiers").isEqualTo("привет, "
                        + "καλημέρα");
    }

    @Test
    void overlappingFindingsMergeIntoOneSpanWithTheLongestFindingsMarker() {
        assertThat(CN.text("user alice.smith@corp.example.com wrote", List.of("alice.smith")))
                .isEqualTo("user [email] wrote");
    }

    @Test
    void aTextWithSeveralKindsKeepsWhatIsBetweenThem() {
        assertThat(all("From 203.0.113.77, passwd=hunter2, card 4111 1111 1111 1111, wechat: zw88."))
                .isEqualTo("From [ip], passwd=[credential], card [card], wechat: [handle].");
    }

    @Test
    void withoutRegionsOnlyInternationalPhoneNumbersAreRecognized() {
        Scrubber none = new Scrubber(Set.of(), Map.of());
        assertThat(none.text("ring +86 138 0013 8000 or (010) 6552-9988", List.of()))
                .isEqualTo("ring [phone] or (010) 6552-9988");
    }

    @Test
    void identifiersPreparedForOneEventAreNotReusedForAnotherWithTheSameList() {
        List<String> ids = new java.util.ArrayList<>(List.of("user-8812"));
        assertThat(CN.text("user-8812 and user-9913", ids)).isEqualTo("[id] and user-9913");
        ids.set(0, "user-9913");
        assertThat(CN.text("user-8812 and user-9913", ids)).isEqualTo("user-8812 and [id]");
        assertThat(CN.text("user-8812 and user-9913", java.util.Arrays.asList("user-8812", null)))
                .isEqualTo("[id] and user-9913");
    }

    @Test
    void aUrlNestedInAUrlIsReplacedWholeNotScrubbedAgainAndAgain() {
        String nested = "https://a.example/r/" + "https://a.example/r/".repeat(400) + "alice";
        assertThat(all("go " + nested)).as("each segment of the inner URL is a placeholder")
                .startsWith("go https://a.example/r/:id//:id/:id/").doesNotContain("alice").doesNotContain("example/r/r");
    }

    /** Numbers broken over lines, tabbed apart or typeset with dashes read as typed, by every recognizer. */
    @Test
    void numbersBrokenOverLinesOrTypesetWithDashesAreStillFound() {
        assertThat(all("call 138 0013\n8000 now")).isEqualTo("call [phone] now");
        assertThat(all("call 138\t0013\t8000")).isEqualTo("call [phone]");
        assertThat(all("call 138\u20130013\u20138000 or 138\u20140013\u20148000")).isEqualTo("call [phone] or [phone]");
        assertThat(all("card 4111\r\n1111\r\n1111\r\n1111")).isEqualTo("card [card]");
        assertThat(all("mail alice@\nexample.com")).isEqualTo("mail [email]");
        assertThat(all("call 138_0013_8000 or 4111_1111_1111_1111")).isEqualTo("call [phone] or [card]");
        assertThat(all("line one\nline two\n2019\u20132026")).as("ordinary lines and ranges stay as written")
                .isEqualTo("line one\nline two\n2019\u20132026");
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(all(null)).isNull();
        assertThat(all("")).isEmpty();
    }

    /** Hostile shapes: the scrubber must finish (in linear time, see ScrubBenchmark) and keep what is harmless. */
    @ParameterizedTest
    @ValueSource(strings = {"a1-", "1.", "x", "1:", "a.", "@", "%41", "::", " at ", " dot ", "eyJ", "a@b.", "1 ",
            "&#64;", "\u200B", "ａ", "\u0430", "passport: 12-", "京A1", "&commat;", "%u004", "\\x4", "<password>"})
    void hostileRepetitionsScrubToSomethingNoLongerThanTheInput(String unit) {
        String text = unit.repeat(8192 / unit.length());
        String scrubbed = all(text);
        assertThat(scrubbed.length()).isLessThanOrEqualTo(text.length());
    }

    @Test
    void aCrowdOfPhoneLikeRunsIsScrubbedClosedOnceTheReadingBudgetIsSpent() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < PhoneRecognizer.budget(20_000) + 40; i++) {
            text.append(String.format("%03d %04d %04d; ", i, i * 7 % 10_000, i * 13 % 10_000));
        }
        assertThat(all(text.toString())).as("the last runs are past the budget").endsWith("[phone]; [phone]; ");
    }
}
