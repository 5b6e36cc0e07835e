package dev.sieve.scrub;

import java.util.List;

/**
 * Geographic coordinates: a latitude and a longitude, in either order (Chinese map services and GeoJSON write the
 * longitude first), one of them no more than 90 degrees, in decimal degrees, each with at least
 * {@value #MIN_FRACTION} decimals (about 11 m, a building), written as a pair ({@code 39.9042, 116.4074},
 * {@code geo:39.9042,116.4074}, {@code lat=39.9042 lng=116.4074}, {@code 39.9042° N, 116.4074° E}: at most
 * {@value #MAX_GAP} chars without digits between them, whose words are hemisphere letters unless a label's
 * {@code =} or {@code :} stands there), or in degrees, minutes and seconds ({@code 39°54'15"N 116°24'27"E},
 * {@code 39° 54′ 15.6″}; minutes with decimals, {@code 39°54.25'}, are as precise). Both numbers become
 * {@code [location]}; a lone decimal ({@code pi is 3.1415}), prices ({@code 12.50, 13.75}), a lone angle and
 * degrees with whole minutes only ({@code 39°54'}, a few kilometres) stay.
 */
final class CoordinatesRecognizer implements Recognizer {

    static final int MIN_FRACTION = 4;
    static final int MAX_GAP = 12;
    /** Decimals read past the minimum: more say nothing more about where. */
    private static final int MAX_FRACTION = 15;
    /** Digits of the shortest pair: two degrees-minutes-seconds of one digit each for degrees and two for the rest. */
    private static final int MIN_DIGITS = 10;
    private static final char DEGREE = '°';
    /** Minute marks: the apostrophe people type and the prime typesetters use. */
    private static final String MINUTE = "'′";
    /** Second marks; two primes or two apostrophes too (NFKC writes {@code ″} as two primes). */
    private static final String SECOND = "\"″";

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        if (scan.digits() < MIN_DIGITS || (scan.dots() < 2 && t.indexOf(DEGREE) < 0)) {
            return;
        }
        int i = 0;
        while (i < t.length()) {
            int latEnd = coordinateEnd(t, i, 180);
            if (latEnd < 0) {
                i++;
                continue;
            }
            int g = latEnd;
            while (g < t.length() && g - latEnd <= MAX_GAP && !Chars.digit(t.charAt(g)) && t.charAt(g) != '-') {
                g++;
            }
            int lonEnd = g - latEnd <= MAX_GAP && pairGap(t, latEnd, g) ? coordinateEnd(t, g, 180) : -1;
            if (lonEnd > 0 && Math.min(degrees(t, i), degrees(t, g)) <= 90) {
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

    /** End of a latitude or longitude at {@code i}, decimal or in degrees, minutes and seconds; -1 when none. */
    private static int coordinateEnd(String t, int i, int max) {
        int e = degreesEnd(t, i, max);
        return e >= 0 ? e : dmsEnd(t, i, max);
    }

    /**
     * End of degrees, minutes and seconds at {@code i} ({@code 39°54'15"}, spaces allowed after each mark, seconds
     * with decimals) or of degrees and decimal minutes ({@code 39°54.25'}); -1 when there is none, or when only whole
     * minutes follow the degrees.
     */
    private static int dmsEnd(String t, int i, int max) {
        if (i > 0 && (Chars.word(t.charAt(i - 1)) || t.charAt(i - 1) == '.') && !hemisphere(t, i - 1)) {
            return -1;
        }
        int k = Chars.at(t, i, '-') ? i + 1 : i;
        int degEnd = Chars.digitsEnd(t, k);
        if (degEnd == k || degEnd - k > 3 || Integer.parseInt(t, k, degEnd, 10) > max) {
            return -1;
        }
        int m = Chars.skipSpaces(t, degEnd);
        if (!Chars.at(t, m, DEGREE)) {
            return -1;
        }
        m = Chars.skipSpaces(t, m + 1);
        int minEnd = sexagesimalEnd(t, m);
        if (minEnd < 0) {
            return -1;
        }
        int minMark = Chars.skipSpaces(t, minEnd);
        if (minMark >= t.length() || MINUTE.indexOf(t.charAt(minMark)) < 0) {
            return -1;
        }
        if (minEnd > m + 2) { // decimal minutes
            return minMark + 1;
        }
        int s = Chars.skipSpaces(t, minMark + 1);
        int secEnd = sexagesimalEnd(t, s);
        if (secEnd < 0) {
            return -1;
        }
        int secMark = Chars.skipSpaces(t, secEnd);
        if (secMark < t.length() && SECOND.indexOf(t.charAt(secMark)) >= 0) {
            return secMark + 1;
        }
        boolean twoMarks = secMark + 1 < t.length() && MINUTE.indexOf(t.charAt(secMark)) >= 0
                && t.charAt(secMark + 1) == t.charAt(secMark);
        return twoMarks ? secMark + 2 : -1;
    }

    /** The whole degrees of the coordinate at {@code i}, without its sign. */
    private static int degrees(String t, int i) {
        int k = Chars.at(t, i, '-') ? i + 1 : i;
        return Integer.parseInt(t, k, Chars.digitsEnd(t, k), 10);
    }

    /** Whether {@code t} has a hemisphere letter standing alone before a number at {@code p} ({@code N39°54'15"}). */
    private static boolean hemisphere(String t, int p) {
        return "nsew".indexOf(t.charAt(p)) >= 0 && (p == 0 || !Chars.word(t.charAt(p - 1)));
    }

    /** End of minutes or seconds at {@code i}: one or two digits below 60, maybe decimals; -1 when none. */
    private static int sexagesimalEnd(String t, int i) {
        int e = Chars.digitsEnd(t, i);
        if (e == i || e - i > 2 || Integer.parseInt(t, i, e, 10) >= 60) {
            return -1;
        }
        if (Chars.at(t, e, '.') && e + 1 < t.length() && Chars.digit(t.charAt(e + 1))) {
            int f = e + 1;
            while (f < t.length() && f - e <= MAX_FRACTION && Chars.digit(t.charAt(f))) {
                f++;
            }
            return f;
        }
        return e;
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
