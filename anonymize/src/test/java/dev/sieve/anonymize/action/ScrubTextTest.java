package dev.sieve.anonymize.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The action's entry point with the default policy; each recognizer has its own test in the scrub package. */
class ScrubTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "call alice@example.com tomorrow | call [email] tomorrow",
            "ring +86 138 0013 8000 please | ring [phone] please",
            "card 4111 1111 1111 1111 declined | card [card] declined",
            "from 203.0.113.77 at 10:30 | from [ip] at 10:30",
            "device 38400000-8cf0-11bd-b23e-10b96e40000d reset | device [uuid] reset",
            "搜索 alice@example.com 的电话 | 搜索 [email] 的电话",
            "no identifiers here, just words | no identifiers here, just words",
            "version 16.0.1 crashed | version 16.0.1 crashed",
            "order 12345 shipped | order 12345 shipped"
    })
    void removesWhatIdentifiesAndKeepsTheRest(String text, String expected) {
        assertThat(ScrubText.apply(text, List.of())).isEqualTo(expected);
    }

    /** Each of these survived the regex scrubber this engine replaced (issue 10). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "see https://user:hunter2@example.com/account/alice.smith/x?m=alice%40example.com | see https://example.com/account/:id/x",
            "login passwd=hunter2 failed | login passwd=[credential] failed",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlX3NlZ21lbnQ | jwt [credential]",
            "ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ | [email]",
            "alice dot smith at example dot com | [email]",
            "add wechat_id:zhang.wei.1988 | add wechat_id:[handle]"
    })
    void removesWhatTheRegexScrubberLetThrough(String text, String expected) {
        assertThat(ScrubText.apply(text, List.of())).isEqualTo(expected);
    }

    @Test
    void removesTheEventsOwnIdentifiersWhereverQuoted() {
        assertThat(ScrubText.apply("Searched for USER-8812's notes on dev-5c1f", List.of("user-8812", "dev-5c1f")))
                .isEqualTo("Searched for [id]'s notes on [id]");
    }

    @Test
    void veryShortIdentifierValuesAreNotRemovedAsWords() {
        assertThat(ScrubText.apply("a b c", List.of("a"))).isEqualTo("a b c");
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(ScrubText.apply(null, List.of())).isNull();
        assertThat(ScrubText.apply("", List.of())).isEmpty();
    }
}
