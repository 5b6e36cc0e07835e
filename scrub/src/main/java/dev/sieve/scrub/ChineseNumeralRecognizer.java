package dev.sieve.scrub;

import java.util.List;

/**
 * Numbers read out digit by digit in Chinese numerals, as people write a phone or account number to dodge a digit
 * match: {@code 一三八零零一三八零零零}, {@code 幺三八 〇〇一三 八〇〇〇} ({@code 幺} is how "one" is read in phone
 * numbers), or in the financial forms ({@code 壹叁捌…}). A run of {@value #MIN_RUN} numerals or more, groups
 * joined by one space or dash, becomes {@code [number]}, as a run of that many digits does ({@link DigitRunRecognizer}).
 * Numbers written with units ({@code 一千三百}, {@code 十一月}) and shorter runs ({@code 一二三四五}) are no such run
 * and stay.
 */
final class ChineseNumeralRecognizer implements Recognizer {

    static final int MIN_RUN = DigitRunRecognizer.MIN_RUN;
    /** The numerals of the ten digits, plain and financial, with {@code 〇}, {@code 零} and {@code 幺}. */
    private static final String NUMERALS = "〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸";

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (!scan.nonAscii()) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!numeral(t.charAt(i))) {
                i++;
                continue;
            }
            int count = 0;
            int last = i;
            int k = i;
            while (k < t.length()) {
                if (numeral(t.charAt(k))) {
                    count++;
                    last = k++;
                } else if ((t.charAt(k) == ' ' || t.charAt(k) == '-') && k + 1 < t.length()
                        && numeral(t.charAt(k + 1))) {
                    k++;
                } else {
                    break;
                }
            }
            if (count >= MIN_RUN) {
                out.add(new Finding(i, last + 1, Marker.NUMBER));
            }
            i = last + 1;
        }
    }

    private static boolean numeral(char c) {
        return c >= 0x3000 && NUMERALS.indexOf(c) >= 0;
    }
}
