package dev.sieve.scrub;

import java.util.List;

/**
 * MAC addresses: six hex pairs joined by {@code :} or {@code -} (the same throughout), or by spaces where a pair
 * holds a letter (six numbers of two digits are more often something else), three dotted quads, or twelve hex digits
 * alone that mix digits and letters.
 */
final class MacRecognizer implements Recognizer {

    private static final int BARE = 12;

    @Override
    public void find(Scan scan, List<Finding> out) {
        // Twelve hex digits in a row, or six groups joined by five colons, dashes or spaces, or three by two dots.
        if (scan.hexDigits() < BARE) {
            return;
        }
        boolean joined = scan.longestHexRun() >= BARE || scan.colons() >= 5 || scan.dashes() >= 5 || scan.dots() >= 2;
        if (!joined && !scan.has(' ')) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!Chars.hex(t.charAt(i)) || !Chars.wordStart(t, i) || (i > 0 && ":-.".indexOf(t.charAt(i - 1)) >= 0)) {
                i++;
                continue;
            }
            int end = !joined ? spaced(t, i) : Math.max(Math.max(groups(t, i, 6, 2, ':'), groups(t, i, 6, 2, '-')),
                    Math.max(Math.max(groups(t, i, 3, 4, '.'), bare(t, i)), spaced(t, i)));
            if (end > 0) {
                out.add(new Finding(i, end, Marker.MAC));
                i = end;
            } else {
                i++;
            }
        }
    }

    /** End of twelve hex digits standing alone, mixing digits and letters, as MAC addresses are logged bare. */
    private static int bare(String t, int i) {
        int digits = 0;
        int k = i;
        while (k < t.length() && k - i < BARE && Chars.hex(t.charAt(k))) {
            digits += Chars.digit(t.charAt(k)) ? 1 : 0;
            k++;
        }
        return k - i == BARE && Chars.wordEnd(t, k) && digits >= 2 && digits < BARE ? k : -1;
    }

    /** End of six hex pairs joined by spaces, one of them holding a letter; or -1. */
    private static int spaced(String t, int i) {
        int end = groups(t, i, 6, 2, ' ');
        for (int k = i; k < end; k++) {
            if (Chars.asciiLetter(t.charAt(k))) {
                return end;
            }
        }
        return -1;
    }

    /** End of {@code count} groups of {@code width} hex digits joined by {@code sep}, standing alone; or -1. */
    private static int groups(String t, int i, int count, int width, char sep) {
        int k = i;
        for (int g = 0; g < count; g++) {
            if (g > 0) {
                if (!Chars.at(t, k, sep)) {
                    return -1;
                }
                k++;
            }
            for (int n = 0; n < width; n++, k++) {
                if (k >= t.length() || !Chars.hex(t.charAt(k))) {
                    return -1;
                }
            }
        }
        boolean continues = Chars.at(t, k, sep) && k + 1 < t.length() && Chars.hex(t.charAt(k + 1));
        return Chars.wordEnd(t, k) && !continues ? k : -1;
    }
}
