package dev.sieve.scrub;

import java.util.List;

/**
 * Long opaque tokens: a run of letters, digits and {@code _ - +} holding a letters-and-digits stretch of at least
 * {@value #MIN_LENGTH} chars that mixes both (two of each at least) and uses {@value #MIN_DISTINCT} distinct
 * chars or more, the signature of random session ids, keys and hashes. Words, version strings and repetitive text
 * ({@code a1a1a1...}) stay. An all-hex stretch is reported as {@code [id]}.
 */
final class OpaqueTokenRecognizer implements Recognizer {

    static final int MIN_LENGTH = 16;
    static final int MIN_DISTINCT = 8;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.longestAlnumRun() < MIN_LENGTH) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!tokenChar(t.charAt(i))) {
                i++;
                continue;
            }
            int e = i;
            Marker marker = null;
            while (e < t.length() && tokenChar(t.charAt(e))) {
                int s = e;
                while (e < t.length() && Chars.asciiAlnum(t.charAt(e))) {
                    e++;
                }
                Marker m = e - s >= MIN_LENGTH ? stretch(t, s, e) : null;
                marker = marker == null ? m : marker == Marker.ID && m == Marker.TOKEN ? m : marker;
                if (e == s) {
                    e++;
                }
            }
            if (marker != null) {
                out.add(new Finding(i, e, marker));
            }
            i = e;
        }
    }

    /** The marker for letters-and-digits stretch {@code [s, e)}, or null when it does not look random. */
    private static Marker stretch(String t, int s, int e) {
        int digits = 0;
        boolean hex = true;
        long seenLow = 0;
        long seenHigh = 0;
        for (int k = s; k < e; k++) {
            char c = t.charAt(k);
            digits += Chars.digit(c) ? 1 : 0;
            hex &= Chars.hex(c);
            if (c < 64) {
                seenLow |= 1L << c;
            } else {
                seenHigh |= 1L << (c - 64);
            }
        }
        int letters = e - s - digits;
        int distinct = Long.bitCount(seenLow) + Long.bitCount(seenHigh);
        if (digits < 2 || letters < 2 || distinct < MIN_DISTINCT) {
            return null;
        }
        return hex ? Marker.ID : Marker.TOKEN;
    }

    private static boolean tokenChar(char c) {
        return Chars.asciiAlnum(c) || c == '_' || c == '-' || c == '+';
    }
}
