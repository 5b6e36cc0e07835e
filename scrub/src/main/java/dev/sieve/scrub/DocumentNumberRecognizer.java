package dev.sieve.scrub;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Document and registration numbers, which have no checksum to recognize them by but are written after their name:
 * the value after a label such as {@code passport}, {@code SSN}, {@code ID card}, {@code driver's license},
 * {@code license plate}, {@code serial number}, {@code VIN}, {@code 护照}, {@code 身份证号}, {@code 车牌} (the label
 * is kept; a colon, {@code =}, {@code #} or {@code no.} may stand between), when it holds two digits or more; and
 * Chinese licence plates on their own ({@code 京A12345}: a province's character, a letter, five or six letters and
 * digits).
 */
final class DocumentNumberRecognizer implements Recognizer {

    /** Labels as the normalized text writes them, longest first where one starts another. */
    private static final List<String> LABELS = List.of("passport", "social security number", "social security no",
            "ssn", "national id", "id card", "identity card", "driver's license", "drivers license", "driver license",
            "driving licence", "driving license", "licence plate", "license plate", "number plate", "plate",
            "serial number", "serial no", "serial", "s/n", "sn", "vin", "护照", "身份证", "驾驶证", "驾照", "社保", "车牌",
            "序列号", "hkid", "nric", "aadhaar", "tax id", "港澳通行证", "台胞证", "军官证", "税号");
    /** The chars labels begin with, so most positions are passed over with one lookup. */
    private static final String LABEL_STARTS = LABELS.stream().map(l -> l.substring(0, 1)).distinct()
            .collect(Collectors.joining());
    /** Which ASCII chars start a label: looked up for every char of the text. */
    private static final boolean[] ASCII_LABEL_START = new boolean[0x80];

    static {
        LABEL_STARTS.chars().filter(c -> c < 0x80).forEach(c -> ASCII_LABEL_START[c] = true);
    }

    /** {@link #LABELS} by first char, in their order (a longer label before its prefix). */
    private static final Map<Character, List<String>> LABELS_BY_START = LABELS.stream()
            .collect(Collectors.groupingBy(l -> l.charAt(0)));
    private static final List<String> ID_WORDS = List.of("no.", "no", "number", "nr", "#", "号码", "号");
    /** The province (and embassy, consulate) characters Chinese licence plates begin with. */
    private static final String PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领";
    private static final int MIN_VALUE = 5;
    private static final int MAX_VALUE = 24;
    private static final int MIN_VALUE_DIGITS = 2;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < MIN_VALUE_DIGITS) {
            return;
        }
        String t = scan.text();
        // A plate starts with a province's character: none in ASCII text.
        boolean plates = scan.nonAscii();
        int i = 0;
        while (i < t.length()) {
            int end = plates ? plate(scan, i) : -1;
            if (end > 0) {
                out.add(new Finding(i, end, Marker.DOCUMENT));
                i = end;
                continue;
            }
            String label = labelAt(t, i);
            if (label != null) {
                int valueStart = valueStart(t, i + label.length());
                int valueEnd = valueEnd(t, valueStart);
                if (valueEnd > 0) {
                    out.add(new Finding(valueStart, valueEnd, Marker.DOCUMENT));
                    i = valueEnd;
                    continue;
                }
            }
            i++;
        }
    }

    /** The label starting at {@code i} (a word start, or anywhere in Chinese, which writes no spaces), or null. */
    private static String labelAt(String t, int i) {
        char c = t.charAt(i);
        if (c < 0x80 ? !ASCII_LABEL_START[c] : LABEL_STARTS.indexOf(c) < 0) {
            return null;
        }
        boolean cjk = c >= 0x3000;
        if (!cjk && !Chars.wordStart(t, i)) {
            return null;
        }
        for (String label : LABELS_BY_START.get(c)) {
            if (t.startsWith(label, i) && (cjk || !Chars.asciiAlnum(charAt(t, i + label.length())))) {
                return label;
            }
        }
        return null;
    }

    /** Past spaces, an id word ({@code no.}, {@code number}, {@code 号}), a separator and spaces. */
    private static int valueStart(String t, int k) {
        k = Chars.skipSpaces(t, k);
        for (String w : ID_WORDS) {
            if (t.startsWith(w, k) && (!Chars.asciiLetter(w.charAt(w.length() - 1))
                    || !Chars.asciiAlnum(charAt(t, k + w.length())))) {
                k = Chars.skipSpaces(t, k + w.length());
                break;
            }
        }
        char c = charAt(t, k);
        if (c == ':' || c == '=' || c == '#' || c == '：' || c == '是') {
            k = Chars.skipSpaces(t, k + 1);
        }
        return k;
    }

    /** End of a document number starting at {@code k}: letters, digits and dashes, with two digits or more; or -1. */
    private static int valueEnd(String t, int k) {
        int e = k;
        int digits = 0;
        while (e < t.length() && e - k < MAX_VALUE && (Chars.asciiAlnum(t.charAt(e)) || t.charAt(e) == '-')) {
            digits += Chars.digit(t.charAt(e)) ? 1 : 0;
            e++;
        }
        while (e > k && t.charAt(e - 1) == '-') {
            e--;
        }
        boolean whole = !Chars.word(charAt(t, e)) && e - k <= MAX_VALUE;
        return whole && e - k >= MIN_VALUE && digits >= MIN_VALUE_DIGITS ? e : -1;
    }

    /**
     * End of a Chinese licence plate at {@code i}: a province's character, a letter, an optional dot or space, then
     * five or six letters and digits holding a digit, every letter written upper-case (so {@code 新iPhone15} is
     * none); or -1.
     */
    private static int plate(Scan scan, int i) {
        String t = scan.text();
        if (PLATE_PROVINCES.indexOf(t.charAt(i)) < 0 || !upperLetter(scan, i + 1)) {
            return -1;
        }
        int k = i + 2;
        char sep = charAt(t, k);
        if (sep == '.' || sep == ' ' || sep == '-') { // a middle dot or bullet there reads as '.' (NormalizedText)
            k++;
        }
        int e = k;
        int digits = 0;
        while (e < t.length() && e - k <= 6 && (Chars.digit(t.charAt(e)) || upperLetter(scan, e))) {
            digits += Chars.digit(t.charAt(e)) ? 1 : 0;
            e++;
        }
        return (e - k == 5 || e - k == 6) && digits > 0 && !Chars.asciiAlnum(charAt(t, e)) ? e : -1;
    }

    private static boolean upperLetter(Scan scan, int i) {
        return i < scan.length() && Chars.asciiLetter(scan.charAt(i)) && scan.originalUpperCase(i);
    }

    private static char charAt(String t, int i) {
        return i >= 0 && i < t.length() ? t.charAt(i) : 0;
    }
}
