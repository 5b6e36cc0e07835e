package dev.sieve.scrub;

import java.util.List;

/**
 * Numbers with letters typed for the digits they resemble, to dodge a digit match: {@code 138OO138OOO},
 * {@code l38OOl38OOO}. A word made of digits and the letters {@code o} (for 0), {@code l} and {@code i} (for 1) only,
 * with {@value #MIN_DIGITS} real digits or more and {@value #MIN_RUN} chars or more, becomes {@code [number]}, as the
 * digit run it stands for would ({@link DigitRunRecognizer}). Words with other letters ({@code 1080p},
 * {@code ios17}) and short ones stay.
 */
final class LookAlikeDigitsRecognizer implements Recognizer {

    static final int MIN_RUN = DigitRunRecognizer.MIN_RUN;
    static final int MIN_DIGITS = 3;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < MIN_DIGITS) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!Chars.word(t.charAt(i))) {
                i++;
                continue;
            }
            int e = i;
            int digits = 0;
            boolean lookAlike = false;
            boolean other = false;
            while (e < t.length() && Chars.word(t.charAt(e))) {
                char c = t.charAt(e++);
                digits += Chars.digit(c) ? 1 : 0;
                boolean letter = c == 'o' || c == 'l' || c == 'i';
                lookAlike |= letter;
                other |= !letter && !Chars.digit(c);
            }
            if (!other && lookAlike && digits >= MIN_DIGITS && e - i >= MIN_RUN) {
                out.add(new Finding(i, e, Marker.NUMBER));
            }
            i = e;
        }
    }
}
