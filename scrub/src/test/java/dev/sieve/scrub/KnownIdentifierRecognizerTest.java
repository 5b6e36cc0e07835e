package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownIdentifierRecognizerTest {

    private static final KnownIdentifierRecognizer KNOWN = new KnownIdentifierRecognizer();

    @Test
    void removesTheEventsOwnIdentifiersWhateverTheirCase() {
        assertThat(only(KNOWN, "Searched for USER-8812's notes on dev-5c1f", List.of("user-8812", "dev-5c1f")))
                .isEqualTo("Searched for [id]'s notes on [id]");
    }

    @Test
    void removesTheLocalPartAndNamePartsOfAnEmailUsedAsAnId() {
        assertThat(only(KNOWN, "Alice.Smith asked; alice wrote to smith", List.of("alice.smith@corp.example")))
                .isEqualTo("[id] asked; [id] wrote to [id]");
    }

    @Test
    void removesLongDigitRunsInsideAnIdentifier() {
        assertThat(only(KNOWN, "member 88123456 called", List.of("cn-88123456"))).isEqualTo("member [id] called");
    }

    @Test
    void removesPartsThatMixLettersAndDigitsAndFiveDigitRuns() {
        assertThat(only(KNOWN, "crash 7f3a9c21 on dev; orders of 88123 by user", List.of("dev-7f3a9c21", "user-88123")))
                .isEqualTo("crash [id] on dev; orders of [id] by user");
    }

    @Test
    void matchesIdentifiersWrittenInFullwidthOrEncoded() {
        assertThat(only(KNOWN, "ｕｓｅｒ－８８１２ and user%2D8812", List.of("user-8812"))).isEqualTo("[id] and [id]");
    }

    @Test
    void matchesIdentifiersRetypedWithOtherSeparators() {
        assertThat(only(KNOWN, "user_8812, user 8812, user8812, user.8812", List.of("user-8812")))
                .isEqualTo("[id], [id], [id], [id]");
    }

    @Test
    void removesRunsOfConsecutivePartsOfASeparatedIdButNotASinglePartThatIsAWord() {
        assertThat(only(KNOWN, "from zhang.wei about wei 1988; the user wrote", List.of("zhang.wei.1988", "user-8812")))
                .isEqualTo("from [id] about [id]; the user wrote");
    }

    @Test
    void identifierValuesShorterThanTheMinimumStay() {
        assertThat(only(KNOWN, "a b c abc", List.of("a", "abc"))).isEqualTo("a b c abc");
    }

    @Test
    void overlappingOccurrencesAreAllFound() {
        assertThat(only(KNOWN, "abababab", List.of("abab"))).isEqualTo("[id]");
    }
}
