package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.CN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdentifierScanTest {

    private final IdentifierScan scan = new IdentifierScan(CN);

    private static final String DIRTY = "mail alice@example.com or alice at example dot com, card 4111 1111 1111 1111,"
            + " from 203.0.113.77, ring +86 138 0013 8000";

    @Test
    void namesEachRecognizerThatFindsAnIdentifier() {
        assertThat(scan.inText(DIRTY)).containsExactly("card", "email", "ipv4", "obfuscated_email", "phone");
    }

    @Test
    void everyRecognizerHasADistinctName() {
        assertThat(IdentifierScan.NAMES).doesNotHaveDuplicates().hasSize(Recognizers.ALL.size())
                .contains("email", "obfuscated_email", "chinese_id", "url", "digit_run");
    }

    @ParameterizedTest
    @ValueSource(strings = {DIRTY, "see https://shop.example/account/alice.smith/orders?session=8f1c2e9a7b",
            "wechat: zw88, passwd=hunter2, 110105199001011234", "nothing to see here"})
    void whatTheScrubberWroteHoldsNone(String text) {
        assertThat(scan.inText(CN.text(text, List.of()))).isEmpty();
    }

    @Test
    void aStoredUrlHoldsNoneWhenScrubbingItAgainChangesNothing() {
        List<String> allow = List.of("utm_source");
        String url = "https://shop.example/account/alice.smith/orders?utm_source=news&email=alice@example.com";

        assertThat(scan.inUrl(CN.url(url, allow, List.of(), null), allow)).isEmpty();
        assertThat(scan.inUrl(url, allow)).contains("email");
        assertThat(scan.inUrl("https://shop.example/?utm_source=news&ref=campaign", allow))
                .as("a parameter only the URL scrubber removes").containsExactly(IdentifierScan.URL);
    }

    @Test
    void nullAndEmptyHoldNone() {
        assertThat(scan.inText(null)).isEmpty();
        assertThat(scan.inText("")).isEmpty();
        assertThat(scan.inUrl(null, List.of())).isEmpty();
    }
}
