package dev.sieve.anonymize.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrubTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "call alice@example.com tomorrow | call [email] tomorrow",
            "mail A.Bob+tag@mail.example.co.uk now | mail [email] now",
            "ring +86 138 0013 8000 please | ring [phone] please",
            "ring (010) 6552-9988 | ring [phone]",
            "card 4111 1111 1111 1111 declined | card [number] declined",
            "card 4111-1111-1111-1111 | card [number]",
            "order 12345 shipped | order 12345 shipped",
            "otp 845123 | otp [phone]",
            "from 203.0.113.77 at 10:30 | from [ip] at 10:30",
            "from 2001:db8:85a3::8a2e:370:7334 | from [ip]",
            "from ::ffff:192.0.2.1 | from [ip]",
            "device 38400000-8cf0-11bd-b23e-10b96e40000d reset | device [id] reset",
            "token eyJhbGciOiJIUzI1NiJ9abc123 expired | token [token] expired",
            "搜索 alice@example.com 的电话 | 搜索 [email] 的电话",
            "no identifiers here, just words | no identifiers here, just words",
            "version 16.0.1 crashed | version 16.0.1 crashed"
    })
    void removesWhatIdentifiesAndKeepsTheRest(String text, String expected) {
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
