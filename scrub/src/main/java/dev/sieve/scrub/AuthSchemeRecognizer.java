package dev.sieve.scrub;

import java.util.List;

/**
 * The credential after {@code Bearer} or {@code Basic} wherever it stands, header or not. A bearer value counts
 * from {@value #MIN_VALUE} chars; a basic value must also look encoded (a digit, {@code + / =}, or mixed case), so
 * "basic information" stays.
 */
final class AuthSchemeRecognizer implements Recognizer {

    private static final int MIN_VALUE = 8;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        if (t.indexOf("bearer") < 0 && t.indexOf("basic") < 0) {
            return;
        }
        int i = 0;
        while (i < t.length()) {
            int w = t.startsWith("bearer", i) ? 6 : t.startsWith("basic", i) ? 5 : 0;
            if (w == 0 || !Chars.wordStart(t, i) || !Chars.at(t, i + w, ' ')) {
                i++;
                continue;
            }
            int start = Chars.skipSpaces(t, i + w);
            int end = start;
            boolean encoded = false;
            boolean upper = false;
            boolean lower = false;
            while (end < t.length() && valueChar(t.charAt(end))) {
                char c = t.charAt(end);
                encoded |= Chars.digit(c) || c == '+' || c == '/' || c == '=';
                upper |= Chars.asciiLetter(c) && scan.originalUpperCase(end);
                lower |= Chars.asciiLetter(c) && !scan.originalUpperCase(end);
                end++;
            }
            if (end - start >= MIN_VALUE && (w == 6 || encoded || (upper && lower))) {
                out.add(new Finding(start, end, Marker.CREDENTIAL));
            }
            i = Math.max(end, i + w);
        }
    }

    private static boolean valueChar(char c) {
        return Chars.asciiAlnum(c) || "-._~+/=".indexOf(c) >= 0;
    }
}
