package dev.sieve.scrub;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Identifiers written in base64 to dodge every other recognizer: {@code MTM4MDAxMzgwMDA=} is {@code 13800138000},
 * {@code YWxpY2VAZXhhbXBsZS5jb20} an address. A run of {@value #MIN_RUN} base64 chars or more (the standard or the
 * URL-safe alphabet, padding optional) holding an upper-case letter, that decodes to printable UTF-8 text, is
 * scrubbed as text; when anything is found in it, the whole run becomes the marker of the longest finding. Words,
 * digit runs and ids in lower case are not decoded (base64 of an identifier has upper-case letters); random tokens
 * and most mixed-case words decode to bytes that are no text and are left to the other recognizers.
 *
 * <p>A text gets at most {@link #budget} runs scrubbed this way, and a decoded run is not decoded again; past the
 * budget, and inside a decoded run or a URL ({@link Scan#nested()}), a run that decodes to text becomes
 * {@code [token]} unread: closed, not open, and linear whatever the text (each run costs its decoding and one scan of
 * at most three quarters of its length).
 */
final class Base64TextRecognizer implements Recognizer {

    static final int MIN_RUN = 8;
    private static final int MIN_DECODED = 4;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        if (t.length() < MIN_RUN || !hasUpperCase(scan.originalSpan(0, t.length()))) {
            return;
        }
        int budget = budget(t.length());
        int i = 0;
        while (i < t.length()) {
            if (!base64Char(t.charAt(i))) {
                i++;
                continue;
            }
            int e = i;
            while (e < t.length() && base64Char(t.charAt(e))) {
                e++;
            }
            int end = e;
            while (end < t.length() && end - e < 2 && t.charAt(end) == '=') {
                end++;
            }
            String run = e - i >= MIN_RUN ? scan.originalSpan(i, e) : null;
            String decoded = run != null && hasUpperCase(run) ? decode(run) : null;
            if (decoded != null && (scan.nested() || budget == 0)) {
                out.add(new Finding(i, end, Marker.TOKEN));
            } else if (decoded != null) {
                budget--;
                Finding longest = null;
                for (Finding f : scan.scrubber().findings(NormalizedText.of(decoded), scan.known(), true)) {
                    longest = longest == null || f.length() > longest.length() ? f : longest;
                }
                if (longest != null) {
                    out.add(new Finding(i, end, longest.replacement()));
                }
            }
            i = end;
        }
    }

    /**
     * Whether {@code s} has an upper-case ASCII letter. Base64 of an identifier has one: the first char of every four
     * encodes the top six bits of a byte, an upper-case letter for a digit, an upper-case letter, punctuation
     * ({@code @ . - :}) or {@code a} to {@code g} (only bytes {@code h} to {@code ~} give {@code a} to {@code f}); so
     * words, digit runs and lower-case ids are never decoded.
     */
    private static boolean hasUpperCase(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= 'A' && s.charAt(k) <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /** Runs of a text of {@code length} chars that are decoded and scrubbed: as many as phone windows are read. */
    static int budget(int length) {
        return PhoneRecognizer.budget(length);
    }

    /** {@code run} decoded as base64 (URL-safe when it has {@code -} or {@code _}), when that is printable text. */
    private static String decode(String run) {
        boolean urlSafe = run.indexOf('-') >= 0 || run.indexOf('_') >= 0;
        if ((urlSafe && (run.indexOf('+') >= 0 || run.indexOf('/') >= 0)) || run.length() % 4 == 1) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(run);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < MIN_DECODED) {
            return null;
        }
        boolean ascii = true;
        for (byte b : bytes) {
            if (b >= 0 && (b < ' ' || b == 0x7F)) {
                return null; // a control char: no text (most random runs fail here, on their first bytes)
            }
            ascii &= b >= 0;
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int k = 0; k < text.length(); k++) {
            if (Character.isISOControl(text.charAt(k))) {
                return null;
            }
        }
        return text;
    }

    private static boolean base64Char(char c) {
        return Chars.asciiAlnum(c) || c == '+' || c == '/' || c == '-' || c == '_';
    }
}
