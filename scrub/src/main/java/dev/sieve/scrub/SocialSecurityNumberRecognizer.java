package dev.sieve.scrub;

import java.util.List;

/**
 * US social security numbers written in their grouped form, without a label: {@code 123-45-6789} or
 * {@code 123 45 6789}, with the issuer's rules for what is never issued (area {@code 000}, {@code 666} or
 * {@code 900}-{@code 999}, group {@code 00}, serial {@code 0000}). The nine digits ungrouped are a digit run
 * ({@link DigitRunRecognizer}); after a label ({@code ssn:}) any form is a document number
 * ({@link DocumentNumberRecognizer}). Becomes {@code [document]}.
 */
final class SocialSecurityNumberRecognizer implements Recognizer {

    private static final int DIGITS = 9;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < DIGITS) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!Chars.digit(t.charAt(i)) || (i > 0 && (Chars.word(t.charAt(i - 1)) || t.charAt(i - 1) == '-'))) {
                i++;
                continue;
            }
            int area = Chars.digitsEnd(t, i);
            int end = area - i == 3 ? groupsEnd(t, area) : -1;
            if (end > 0 && issued(t, i)) {
                out.add(new Finding(i, end, Marker.DOCUMENT));
                i = end;
            } else {
                i = area;
            }
        }
    }

    /** End of {@code -45-6789} (or spaced) after the area number ending at {@code k}; -1 when there is none. */
    private static int groupsEnd(String t, int k) {
        if (k + 8 > t.length()) {
            return -1;
        }
        char sep = t.charAt(k);
        if ((sep != '-' && sep != ' ') || Chars.digitsEnd(t, k + 1) != k + 3 || t.charAt(k + 3) != sep
                || Chars.digitsEnd(t, k + 4) != k + 8) {
            return -1;
        }
        boolean alone = k + 8 == t.length() || !(Chars.word(t.charAt(k + 8)) || t.charAt(k + 8) == '-');
        return alone ? k + 8 : -1;
    }

    /** Whether the number at {@code i} (grouped 3, 2, 4) is of a kind ever issued. */
    private static boolean issued(String t, int i) {
        int area = Integer.parseInt(t, i, i + 3, 10);
        int group = Integer.parseInt(t, i + 4, i + 6, 10);
        int serial = Integer.parseInt(t, i + 7, i + 11, 10);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
