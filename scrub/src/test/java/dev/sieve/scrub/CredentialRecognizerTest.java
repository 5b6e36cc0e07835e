package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "passwd=hunter2 then | passwd=[credential] then",
            "password: 'p4ss word' ok | password: '[credential]' ok",
            "{'api_key': 'abc123'} | {'api_key': '[credential]'}",
            "DB_PASSWORD=s3cr3t | DB_PASSWORD=[credential]",
            "Authorization: Bearer abc.def.ghi | Authorization: Bearer [credential]",
            "client_secret=xyz&grant=1 | client_secret=[credential]&grant=1",
            "x-api-key: k123 | x-api-key: [credential]",
            "cookie: sid=f00; theme=dark | cookie: [credential]; theme=dark",
            "access_token=tok;refresh_token=tok2 | access_token=[credential];refresh_token=[credential]",
            "pwd => hunter2 | pwd => [credential]",
            "my password is hunter2 | my password is [credential]",
            "run --password hunter2 --verbose | run --password [credential] --verbose",
            "密码：hunter2 | 密码：[credential]",
            "验证码是 845123 | 验证码是 [credential]",
            "<user><Password>hunter2</Password></user> | <user><Password>[credential]</Password></user>",
            "verification_code=882211 | verification_code=[credential]",
            "card [card] exp 12/28 cvv: 123 | card [card] exp 12/28 cvv: [credential]",
            "CVC2=987 | CVC2=[credential]",
            "PIN 4821 entered | PIN [credential] entered",
            "login with pwd hunter2x failed | login with pwd [credential] failed",
            "AccountKey=Zm9vYmFy;EndpointSuffix=core | AccountKey=[credential];EndpointSuffix=core",
            "your verification code is 482913 | your verification code is [credential]",
            "SMS code: 5521 | SMS code: [credential]"
    })
    void catches(String text, String expected) {
        assertThat(only(new CredentialRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "password reset requested", "pin 2 to the board", "password change 2026", "pw 12", "compass: north",
            "tokens: 5", "key: value", "bypass=on",
            "the password is wrong", "password is too short", "--password-file x",
            "<password/> missing", "<code>500</code>",
            "error code is 500", "status code: 404", "zip code: 100101"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}
