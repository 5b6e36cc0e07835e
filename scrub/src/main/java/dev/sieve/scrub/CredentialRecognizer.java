package dev.sieve.scrub;

import java.util.List;
import java.util.Set;

/**
 * The value of a password-like key: {@code passwd=hunter2}, {@code "api_key": "..."}, {@code Authorization: Bearer
 * ...}, {@code db_password => x}, {@code my password is hunter2}, {@code --password hunter2}, {@code PIN 4821},
 * {@code 密码：hunter2}, {@code <password>hunter2</password>}. The key is kept (it says what was there), the value
 * becomes {@code [credential]}. A key counts when its last part (or last two parts joined) is a secret word, or its
 * last part ends in one.
 */
final class CredentialRecognizer implements Recognizer {

    /** Keys that are secret only as a whole part: "pass" is, "compass" is not. */
    private static final Set<String> EXACT = Set.of("pass", "pwd", "pw", "sid", "auth", "pin", "otp", "apikey",
            "session", "sessid", "cookie", "authorization", "signature", "jwt", "bearer", "verificationcode",
            "authcode", "smscode", "otpcode", "securitycode", "accountkey", "cvv", "cvv2", "cvc", "cvc2");
    /** Keys that are secret whatever precedes them in the same part: "dbpassword", "clientsecret". */
    private static final List<String> SUFFIXES = List.of("password", "passwd", "passphrase", "passcode", "secret",
            "token", "apikey", "credential", "credentials", "sessionid", "privatekey", "secretkey", "accesskey");
    /** Authentication schemes that precede the credential in a header value. */
    private static final List<String> SCHEMES = List.of("bearer", "basic", "token", "digest", "negotiate");
    /** Words that say what a secret is like, not what it is: "the password is wrong". */
    private static final Set<String> DESCRIPTIONS = Set.of("wrong", "incorrect", "invalid", "expired", "required",
            "missing", "empty", "correct", "too", "not", "weak", "strong", "set", "reset", "changed", "the", "a",
            "an", "my", "your", "still", "now", "being", "case", "valid", "blank", "null", "locked", "same");
    /** Words that make the key {@code code} a secret when they precede it with a space: "verification code". */
    private static final Set<String> CODE_KINDS = Set.of("verification", "security", "sms", "auth", "otp",
            "confirmation", "login", "access", "recovery", "backup", "2fa", "mfa", "one-time", "passcode");
    /** Chinese keys: password (simplified and traditional), passphrase, verification code. */
    private static final List<String> CJK_KEYS = List.of("密码", "密碼", "口令", "验证码", "驗證碼");
    /** Keys whose value may follow after a space alone, when it holds a digit. */
    private static final Set<String> SPACED_KEYS = Set.of("pin", "pwd", "pw", "passwd", "password", "passcode", "otp",
            "cvv", "cvc");
    private static final int MAX_SPACED_KEY = SPACED_KEYS.stream().mapToInt(String::length).max().orElseThrow();
    private static final int MIN_SPACED_VALUE = 4;
    private static final int MAX_KEY = 64;
    private static final int MAX_QUOTED = 512;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        // A value follows its key after : or =, "is", a command-line flag's "--" or an XML element's >; or a Chinese
        // key, or one of the keys a space alone may follow when the text has a digit.
        if (!scan.has(':') && !scan.has('=') && !scan.has('>') && !scan.nonAscii() && t.indexOf("is ") < 0
                && t.indexOf("--") < 0 && (scan.digits() == 0 || !holdsSpacedKey(t))) {
            return;
        }
        int i = 0;
        while (i < t.length()) {
            if (!Chars.asciiLetter(t.charAt(i)) || !Chars.wordStart(t, i)) {
                i++;
                continue;
            }
            int ke = i;
            while (ke < t.length() && keyChar(t.charAt(ke))) {
                ke++;
            }
            int valueStart = ke - i <= MAX_KEY ? valueStart(t, i, ke) : -1;
            if (valueStart >= 0 && (secretKey(t, i, ke) || kindOfCode(t, i, ke))) {
                int end = value(t, valueStart, out);
                i = Math.max(end, ke);
            } else {
                i = ke;
            }
        }
        cjkKeys(t, out);
    }

    /**
     * Where the value after key {@code [start, end)} starts: after {@code :} or {@code =} (past quotes and spaces),
     * after the {@code >} of an XML element named by the key,
     * after "is" ({@code my password is hunter2}) unless a word that describes the secret follows, or after the space
     * of a command-line flag ({@code --password hunter2}); -1 when no value follows.
     */
    private static int valueStart(String t, int start, int end) {
        if (start > 0 && t.charAt(start - 1) == '<' && Chars.at(t, end, '>')) {
            return end + 1; // an XML element's text: <password>hunter2</password>
        }
        int k = end;
        if (Chars.at(t, k, '"') || Chars.at(t, k, '\'')) {
            k++;
        }
        k = Chars.skipSpaces(t, k);
        if (Chars.at(t, k, ':') || Chars.at(t, k, '=')) {
            k++;
            if (Chars.at(t, k, '=') || Chars.at(t, k, '>')) {
                k++;
            }
            return k;
        }
        if (k > end && t.startsWith("is ", k)) {
            int v = Chars.skipSpaces(t, k + 3);
            int w = v;
            while (w < t.length() && Chars.asciiLetter(t.charAt(w))) {
                w++;
            }
            return DESCRIPTIONS.contains(t.substring(v, w)) ? -1 : v;
        }
        boolean flag = start >= 2 && t.charAt(start - 1) == '-' && t.charAt(start - 2) == '-';
        if (flag && Chars.at(t, end, ' ') && end + 1 < t.length() && !Chars.at(t, end + 1, '-')) {
            return end + 1;
        }
        return spacedValue(t, start, end) ? end + 1 : -1;
    }

    private static boolean holdsSpacedKey(String t) {
        for (String key : SPACED_KEYS) {
            if (t.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a value follows key {@code [start, end)} after one space alone ({@code PIN 4821}, {@code pwd hunter2}):
     * only for {@link #SPACED_KEYS}, and only a value of {@value #MIN_SPACED_VALUE} chars or more holding a digit, so
     * {@code password reset} and {@code pin 2} are words.
     */
    private static boolean spacedValue(String t, int start, int end) {
        if (!Chars.at(t, end, ' ') || end - start > MAX_SPACED_KEY || !SPACED_KEYS.contains(t.substring(start, end))) {
            return false;
        }
        int e = end + 1;
        boolean digit = false;
        while (e < t.length() && !stop(t.charAt(e))) {
            digit |= Chars.digit(t.charAt(e));
            e++;
        }
        return digit && e - end - 1 >= MIN_SPACED_VALUE;
    }

    /** The value after a Chinese key ({@code 密码：hunter2}, {@code 验证码是 123456}). */
    private static void cjkKeys(String t, List<Finding> out) {
        for (String key : CJK_KEYS) {
            for (int k = t.indexOf(key); k >= 0; k = t.indexOf(key, k + key.length())) {
                int v = Chars.skipSpaces(t, k + key.length());
                if (Chars.at(t, v, ':') || Chars.at(t, v, '=') || Chars.at(t, v, '是') || Chars.at(t, v, '为')) {
                    v = Chars.skipSpaces(t, v + 1);
                }
                int e = v;
                while (e < t.length() && !stop(t.charAt(e)) && t.charAt(e) < 0x80) {
                    e++;
                }
                if (e > v) {
                    out.add(new Finding(v, e, Marker.CREDENTIAL));
                }
            }
        }
    }

    /** Adds the value starting at {@code k} (past spaces and a quote); returns where it ends. */
    private static int value(String t, int k, List<Finding> out) {
        k = Chars.skipSpaces(t, k);
        char quote = k < t.length() && (t.charAt(k) == '"' || t.charAt(k) == '\'') ? t.charAt(k) : 0;
        int start = quote != 0 ? k + 1 : k;
        start = afterScheme(t, start);
        int end = start;
        if (quote != 0) {
            while (end < t.length() && t.charAt(end) != quote && end - start < MAX_QUOTED) {
                end++;
            }
        } else {
            while (end < t.length() && !stop(t.charAt(end))) {
                end++;
            }
        }
        if (end > start) {
            out.add(new Finding(start, end, Marker.CREDENTIAL));
        }
        return end;
    }

    /** Past an authentication scheme word and its spaces, when the value starts with one. */
    private static int afterScheme(String t, int start) {
        for (String scheme : SCHEMES) {
            int e = start + scheme.length();
            if (t.startsWith(scheme, start) && Chars.at(t, e, ' ')) {
                return Chars.skipSpaces(t, e);
            }
        }
        return start;
    }

    /** Whether key {@code [start, end)} is {@code code} after a word saying it is a secret one ("sms code"). */
    private static boolean kindOfCode(String t, int start, int end) {
        if (end - start != 4 || !t.startsWith("code", start) || !Chars.at(t, start - 1, ' ')) {
            return false;
        }
        int w = start - 1;
        while (w > 0 && start - 1 - w < MAX_KEY && keyChar(t.charAt(w - 1))) {
            w--;
        }
        return CODE_KINDS.contains(t.substring(w, start - 1));
    }

    static boolean secretKey(String t, int start, int end) {
        int lastSep = start - 1;
        int prevSep = start - 1;
        for (int k = start; k < end; k++) {
            if (!Chars.asciiAlnum(t.charAt(k))) {
                prevSep = lastSep;
                lastSep = k;
            }
        }
        String last = t.substring(lastSep + 1, end);
        String lastTwo = lastSep < start ? last : t.substring(prevSep + 1, lastSep) + last;
        if (EXACT.contains(last) || EXACT.contains(lastTwo)) {
            return true;
        }
        for (String s : SUFFIXES) {
            if (last.endsWith(s) || lastTwo.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean keyChar(char c) {
        return Chars.asciiAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean stop(char c) {
        return Character.isWhitespace(c) || "&;,\"'<>)]}".indexOf(c) >= 0;
    }
}
