package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "see https://user:hunter2@example.com/account/alice.smith/orders?e=alice%40example.com#x now"
                    + " | see https://example.com/account/:id/orders now",
            "open https://app.example.com/notes/12345678. | open https://app.example.com/notes/:id.",
            "(https://shop.example.com/u/alice@example.com/cart) | (https://shop.example.com/u/:id/cart)",
            "link:https://example.com/p?token=abc | link:https://example.com/p",
            "https://203.0.113.9:8080/status | https://[ip]:8080/status",
            "http://3405803785/x and http://0xcb.0.0x71.9/y | http://[ip]/x and http://[ip]/y",
            "ｈｔｔｐｓ://example.com/a | [url]",
            "see www.example.com/account/alice.smith/x?y=1. | see www.example.com/account/:id/x.",
            "join t.me/alice_smith now | join t.me/:id now",
            "see example.com/account/alice.smith/orders. | see example.com/account/:id/orders.",
            "hxxps://example[.]com/u/alice_smith | [url]"
    })
    void quotedUrlsGoThroughScrubUrl(String text, String expected) {
        assertThat(only(new UrlRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"see https://example.com/help", "a :// b", "ratio 3://4",
            "edit config.yaml/section_1", "see example.com/help", "and/or 1.5/2"})
    void leavesUrlsWithoutIdentifiersAndNonUrlsAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
