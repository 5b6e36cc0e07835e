package dev.sieve.scrub;

import java.util.List;

/**
 * IBANs, whole or in groups of four ({@code GB82 WEST 1234 5698 7654 32}): a country code, two check digits and
 * up to 30 letters and digits, passing MOD-97. The longest valid reading from a word start wins.
 */
final class IbanRecognizer implements Recognizer {

    private static final int MIN = 15;
    private static final int MAX = 34;

    @Override
    public void find(Scan scan, List<Finding> out) {
        // Two letters and two check digits open an IBAN; it has at least MIN letters and digits.
        if (scan.digits() < 2 || scan.longestAlnumRun() < 4 || scan.length() < MIN) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i + 4 <= t.length()) {
            if (!start(t, i)) {
                i++;
                continue;
            }
            StringBuilder chars = new StringBuilder(MAX);
            int bestEnd = -1;
            int k = i;
            while (k < t.length() && chars.length() < MAX) {
                char c = t.charAt(k);
                if (Chars.asciiAlnum(c)) {
                    chars.append(c);
                    k++;
                    boolean groupEnd = k >= t.length() || !Chars.asciiAlnum(t.charAt(k));
                    if (groupEnd && chars.length() >= MIN && Checksums.iban(chars)) {
                        bestEnd = k;
                    }
                } else if (c == ' ' && k + 1 < t.length() && Chars.asciiAlnum(t.charAt(k + 1))) {
                    k++;
                } else {
                    break;
                }
            }
            if (bestEnd > 0) {
                out.add(new Finding(i, bestEnd, Marker.IBAN));
                i = bestEnd;
            } else {
                i += 4;
            }
        }
    }

    private static boolean start(String t, int i) {
        return Chars.wordStart(t, i) && Chars.asciiLetter(t.charAt(i)) && Chars.asciiLetter(t.charAt(i + 1))
                && Chars.digit(t.charAt(i + 2)) && Chars.digit(t.charAt(i + 3));
    }
}
