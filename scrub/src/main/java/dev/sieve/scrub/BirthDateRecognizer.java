package dev.sieve.scrub;

import java.util.List;

/**
 * A date of birth after its label: {@code dob: 1990-07-21}, {@code date of birth 21/07/1990}, {@code born on July 21,
 * 1990}, {@code birthday is 07-21}, {@code 出生日期：1990年7月21日}, {@code 生日 7月21日} (a colon, {@code =}, {@code is} or
 * {@code 是} may stand between). The date (digits, the separators dates are written with, month names; three digits
 * or more, at most {@value #MAX_DATE} chars) becomes {@code [birth_date]}; the label stays. Dates without such a
 * label ({@code 2026-12-05}) are no one's birthday and stay.
 */
final class BirthDateRecognizer implements Recognizer {

    /** Labels, a longer one before its own start ({@code born on} before {@code born}). */
    private static final List<String> LABELS = List.of("date of birth", "birth date", "birthdate", "birthday", "d.o.b.",
            "d.o.b", "dob", "born on", "born", "出生日期", "出生年月", "出生于", "出生", "生日");
    private static final String MONTHS = "january february march april may june july august september october november"
            + " december";
    private static final int MAX_DATE = 24;
    private static final int MIN_DIGITS = 3;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < MIN_DIGITS) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            String label = labelAt(t, i);
            int start = label == null ? -1 : dateStart(t, i + label.length());
            int end = start < 0 ? -1 : dateEnd(t, start);
            if (end > 0) {
                out.add(new Finding(start, end, Marker.BIRTH_DATE));
                i = end;
            } else {
                i++;
            }
        }
    }

    private static String labelAt(String t, int i) {
        char c = t.charAt(i);
        boolean cjk = c == '出' || c == '生';
        if (!cjk && ((c != 'd' && c != 'b') || !Chars.wordStart(t, i))) {
            return null; // every label starts with one of these, an English one at a word's start
        }
        for (String label : LABELS) {
            if (label.charAt(0) == c && t.startsWith(label, i) && (cjk || Chars.wordEnd(t, i + label.length()))) {
                return label;
            }
        }
        return null;
    }

    /** Past spaces, a separator ({@code :}, {@code =}, {@code is}, {@code 是}) and spaces. */
    private static int dateStart(String t, int k) {
        k = Chars.skipSpaces(t, k);
        if (Chars.at(t, k, ':') || Chars.at(t, k, '=') || Chars.at(t, k, '：') || Chars.at(t, k, '是')) {
            k = Chars.skipSpaces(t, k + 1);
        } else if (t.startsWith("is ", k)) {
            k = Chars.skipSpaces(t, k + 3);
        }
        return k;
    }

    /** End of a date starting at {@code k}, with {@value #MIN_DIGITS} digits or more; -1 when there is none. */
    private static int dateEnd(String t, int k) {
        int e = k;
        int end = -1;
        int digits = 0;
        while (e < t.length() && e - k < MAX_DATE) {
            char c = t.charAt(e);
            if (Chars.digit(c)) {
                digits++;
                end = ++e;
            } else if (c == '日' || c == '号') {
                end = ++e;
                break;
            } else if ("-/. ,年月".indexOf(c) >= 0) {
                e++;
            } else if (Chars.asciiLetter(c) && Chars.wordStart(t, e)) {
                int w = e;
                while (w < t.length() && Chars.asciiLetter(t.charAt(w))) {
                    w++;
                }
                if (w - e < 3 || !month(t.substring(e, w))) {
                    break;
                }
                e = w;
            } else {
                break;
            }
        }
        return digits >= MIN_DIGITS ? end : -1;
    }

    /** Whether {@code word} is a month's name or its first three letters or more ({@code jul}, {@code sept}). */
    private static boolean month(String word) {
        int at = MONTHS.indexOf(word);
        return at >= 0 && (at == 0 || MONTHS.charAt(at - 1) == ' ');
    }
}
