package dev.sieve.scrub;

import java.util.List;

/**
 * Chinese resident identity numbers (GB 11643-1999): 17 digits holding a plausible birth date and an ISO 7064
 * MOD 11-2 check character (a digit or {@code X}), standing alone.
 */
final class ChineseIdRecognizer implements Recognizer {

    private static final int LENGTH = 18;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < LENGTH - 1) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!Chars.digit(t.charAt(i))) {
                i++;
                continue;
            }
            int e = Chars.digitsEnd(t, i);
            int end = e - i == LENGTH ? e : e - i == LENGTH - 1 && Chars.at(t, e, 'x') ? e + 1 : -1;
            if (end > 0 && (end == t.length() || !Chars.asciiAlnum(t.charAt(end)))
                    && (i == 0 || !Chars.asciiAlnum(t.charAt(i - 1)))
                    && birthDate(t, i + 6) && Checksums.chineseId(t.substring(i, end))) {
                out.add(new Finding(i, end, Marker.NATIONAL_ID));
            }
            i = e;
        }
    }

    /** Whether yyyymmdd at {@code i} is a date from 1800 to 2099. */
    private static boolean birthDate(String t, int i) {
        int year = Integer.parseInt(t, i, i + 4, 10);
        int month = Integer.parseInt(t, i + 4, i + 6, 10);
        int day = Integer.parseInt(t, i + 6, i + 8, 10);
        return year >= 1800 && year < 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
