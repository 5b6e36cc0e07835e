package dev.sieve.scrub;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Numbers read out one digit at a time, as people write a phone or account number to dodge a digit match: in
 * words ({@code one three eight zero zero ...}, {@code oh} for zero, digits mixed in) or in Chinese numerals
 * ({@code 一三八零零一三八零零零}, {@code 幺三八 〇〇一三 八〇〇〇} with {@code 幺} as "one" is read in phone numbers, the
 * financial forms {@code 壹叁捌…}). A run of {@value #MIN_RUN} spelled digits or more becomes {@code [number]}, as a
 * run of that many digits does ({@link DigitRunRecognizer}, which also takes runs of digits alone). Words are joined
 * by a space, a dash or a comma; numerals by nothing, or one space or dash. Numbers written with units
 * ({@code one hundred}, {@code 一千三百}, {@code 十一月}) and shorter runs ({@code one two three}, {@code 一二三四五})
 * stay.
 */
final class SpelledDigitsRecognizer implements Recognizer {

    static final int MIN_RUN = DigitRunRecognizer.MIN_RUN;
    /** The numerals of the ten digits, plain and financial, with {@code 〇}, {@code 零} and {@code 幺}. */
    private static final String NUMERALS = "〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸";
    private static final List<String> WORDS = List.of("zero", "oh", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine");
    /** First letters of {@link #WORDS}: a word starting otherwise needs no comparison. */
    private static final String WORD_STARTS = WORDS.stream().map(w -> w.substring(0, 1)).distinct()
            .collect(Collectors.joining());

    /** The shortest run of words: {@value #MIN_RUN} two-letter words and the spaces between them. */
    private static final int MIN_WORDS_LENGTH = 3 * MIN_RUN - 1;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        if (t.length() < MIN_RUN || (!scan.nonAscii() && t.length() < MIN_WORDS_LENGTH)) {
            return;
        }
        int i = 0;
        while (i < t.length()) {
            int length = digitAt(t, i);
            if (length == 0) {
                i = nextStart(t, i);
                continue;
            }
            int count = 0;
            int spelled = 0;
            int end = i;
            int k = i;
            while (length > 0) {
                count++;
                spelled += Chars.digit(t.charAt(k)) ? 0 : 1;
                end = k + length;
                k = joinAfter(t, end);
                length = k < 0 ? 0 : digitAt(t, k);
            }
            if (count >= MIN_RUN && spelled > 0) {
                out.add(new Finding(i, end, Marker.NUMBER));
            }
            i = end;
        }
    }

    /**
     * Where a digit may start next after {@code i}, which starts none: the next char when {@code i} holds a numeral
     * (or is past a word), else past the word at {@code i}, whose inside starts no digit.
     */
    private static int nextStart(String t, int i) {
        int k = i + 1;
        if (Chars.asciiLetter(t.charAt(i))) {
            while (k < t.length() && Chars.asciiLetter(t.charAt(k))) {
                k++;
            }
        }
        return k;
    }

    /** Length of the spelled digit (or single digit) at {@code i}; 0 when there is none. */
    private static int digitAt(String t, int i) {
        char c = t.charAt(i);
        if (numeral(c)) {
            return 1;
        }
        if (!Chars.wordStart(t, i)) {
            return 0;
        }
        if (Chars.digit(c)) {
            return Chars.wordEnd(t, i + 1) ? 1 : 0;
        }
        if (WORD_STARTS.indexOf(c) < 0) {
            return 0;
        }
        for (String w : WORDS) {
            if (t.startsWith(w, i) && Chars.wordEnd(t, i + w.length())) {
                return w.length();
            }
        }
        return 0;
    }

    /** Where the next digit may start after one ending at {@code end}: past one join, or -1 when there is none. */
    private static int joinAfter(String t, int end) {
        if (end < t.length() && numeral(t.charAt(end)) && numeral(t.charAt(end - 1))) {
            return end;
        }
        int k = end;
        if (Chars.at(t, k, ' ')) {
            k++;
        }
        if (Chars.at(t, k, '-') || Chars.at(t, k, ',')) {
            k++;
            if (Chars.at(t, k, ' ')) {
                k++;
            }
        }
        return k > end && k < t.length() ? k : -1;
    }

    private static boolean numeral(char c) {
        return c >= 0x3000 && NUMERALS.indexOf(c) >= 0;
    }
}
