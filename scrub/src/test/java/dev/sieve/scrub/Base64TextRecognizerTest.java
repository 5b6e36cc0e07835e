package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base64TextRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "phone MTM4MDAxMzgwMDA= | phone [phone]",
            "to YWxpY2VAZXhhbXBsZS5jb20 ok | to [email] ok",
            "ip=MjAzLjAuMTEzLjQy | ip=[ip]",
            "TVRNNE1EQXhNemd3TURBPQ== | [token]",
            "cGFzc3dvcmQ9aHVudGVyMng | [credential]"
    })
    void catches(String text, String expected) {
        assertThat(only(new Base64TextRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    /** Past its budget a text's runs that decode to text are replaced unread: closed, not open. */
    @Test
    void runsPastTheBudgetBecomeTokensUnread() {
        StringBuilder text = new StringBuilder();
        int runs = Base64TextRecognizer.budget(0) + 3;
        for (int k = 0; k < runs; k++) {
            text.append(Base64.getEncoder().encodeToString(("1380013" + (8000 + k)).getBytes(StandardCharsets.UTF_8)))
                    .append(' ');
        }
        String scrubbed = only(new Base64TextRecognizer(), text.toString().strip());
        assertThat(scrubbed.split(" ")).hasSize(runs).containsOnly("[phone]", "[token]");
        assertThat(scrubbed).startsWith("[phone] ".repeat(Base64TextRecognizer.budget(0)))
                .endsWith(" [token] [token] [token]".substring(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ZHVtcGxpbmc= recipe", "Password1 reset", "notebook shared", "Dumpling", "build 2026-12-05",
            "aGVsbG8gd29ybGQ=", "R0lGODlhAQABAIAAAP"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(only(new Base64TextRecognizer(), text)).isEqualTo(text);
    }
}
