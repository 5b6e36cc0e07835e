package dev.sieve.scrub;

import java.util.List;

/**
 * Geographic coordinates: a latitude and a longitude in decimal degrees, each with at least
 * {@value #MIN_FRACTION} decimals (about 11 m, a building), written as a pair ({@code 39.9042, 116.4074},
 * {@code geo:39.9042,116.4074}, {@code lat=39.9042 lng=116.4074}, {@code 39.9042° N, 116.4074° E}: at most
 * {@value #MAX_GAP} chars without digits between them, whose words are hemisphere letters unless a label's
 * {@code =} or {@code :} stands there). Both numbers become {@code [location]}; a lone decimal ({@code pi is 3.1415}) and prices
 * ({@code 12.50, 13.75}) stay.
 */
final class CoordinatesRecognizer implements Recognizer {

    static final int MIN_FRACTION = 4;
    static final int MAX_GAP = 12;
    /** Decimals read past the minimum: more say nothing more about where. */
    private static final int MAX_FRACTION = 15;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.dots() < 2 || scan.digits() < 2 * (MIN_FRACTION + 1)) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            int latEnd = degreesEnd(t, i, 90);
            if (latEnd < 0) {
                i++;
                continue;
            }
            int g = latEnd;
            while (g < t.length() && g - latEnd <= MAX_GAP && !Chars.digit(t.charAt(g)) && t.charAt(g) != '-') {
                g++;
            }
            int lonEnd = g - latEnd <= MAX_GAP && pairGap(t, latEnd, g) ? degreesEnd(t, g, 180) : -1;
            if (lonEnd > 0) {
                out.add(new Finding(i, latEnd, Marker.LOCATION));
                out.add(new Finding(g, lonEnd, Marker.LOCATION));
                i = lonEnd;
            } else {
                i = latEnd;
            }
        }
    }

    /** Whether {@code [from, to)} joins a latitude to its longitude: words in it are N/S/E/W, or a label's. */
    private static boolean pairGap(String t, int from, int to) {
        boolean labelled = false;
        boolean words = false;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            labelled |= c == '=' || c == ':';
            boolean letter = Character.isLetter(c);
            boolean alone = !(k > from && Character.isLetter(t.charAt(k - 1)))
                    && !(k + 1 < to && Character.isLetter(t.charAt(k + 1)));
            words |= letter && !(alone && "nsew".indexOf(c) >= 0);
        }
        return labelled || !words;
    }

    /**
     * End of a decimal number of degrees at {@code i} (a sign, at most three integer digits, a dot, at least
     * {@link #MIN_FRACTION} decimals) no larger than {@code max} and standing alone; -1 when there is none.
     */
    private static int degreesEnd(String t, int i, int max) {
        if (i > 0 && (Chars.word(t.charAt(i - 1)) || t.charAt(i - 1) == '.')) {
            return -1;
        }
        int k = Chars.at(t, i, '-') ? i + 1 : i;
        int intEnd = Chars.digitsEnd(t, k);
        if (intEnd == k || intEnd - k > 3 || !Chars.at(t, intEnd, '.')) {
            return -1;
        }
        int e = intEnd + 1;
        while (e < t.length() && e - intEnd - 1 < MAX_FRACTION && Chars.digit(t.charAt(e))) {
            e++;
        }
        boolean alone = e >= t.length() || !(Chars.word(t.charAt(e)) || (t.charAt(e) == '.'
                && e + 1 < t.length() && Chars.digit(t.charAt(e + 1))));
        if (e - intEnd - 1 < MIN_FRACTION || !alone) {
            return -1;
        }
        return Integer.parseInt(t, k, intEnd, 10) <= max ? e : -1;
    }
}
