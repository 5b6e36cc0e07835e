package dev.sieve.anonymize.scrub;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Phone numbers as libphonenumber reads them, for each of the scrubber's regions (national forms) and in
 * international form, at leniency {@code VALID}: the number must be a valid number of its region, which dates,
 * amounts and short numbers are not.
 *
 * <p>libphonenumber only sees windows of at most {@value #WINDOW} chars around runs that could be phone numbers
 * (digits and the punctuation numbers are written with, seven digits or more), each window overlapping the next
 * by half, so a number of up to {@value #STEP} chars is always seen whole; its work per window is bounded, so the
 * recognizer's cost is linear in the text however many digits it holds.
 */
final class PhoneRecognizer implements Recognizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MIN_DIGITS = 7;
    private static final int WINDOW = 64;
    private static final int STEP = WINDOW / 2;
    /** Candidates libphonenumber may try in one window; a window holds fewer. */
    private static final long MAX_TRIES = WINDOW;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (!Chars.digit(c) && c != '+' && c != '(') {
                i++;
                continue;
            }
            int e = i;
            int digits = 0;
            while (e < t.length() && runChar(t.charAt(e))) {
                digits += Chars.digit(t.charAt(e)) ? 1 : 0;
                e++;
            }
            if (digits >= MIN_DIGITS) {
                windows(scan, i, e, out);
            }
            i = Math.max(e, i + 1);
        }
    }

    private static void windows(Scan scan, int start, int end, List<Finding> out) {
        for (int w = start; w < end; w += STEP) {
            int we = Math.min(end, w + WINDOW);
            String window = scan.text().substring(w, we);
            for (String region : regions(scan)) {
                for (PhoneNumberMatch m : PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID,
                        MAX_TRIES)) {
                    out.add(new Finding(w + m.start(), w + m.end(), Marker.PHONE));
                }
            }
            if (we == end) {
                break;
            }
        }
    }

    /** The scrubber's regions; with none, "ZZ" (unknown), which still finds numbers in international form. */
    private static Iterable<String> regions(Scan scan) {
        return scan.scrubber().phoneRegions().isEmpty() ? List.of("ZZ") : scan.scrubber().phoneRegions();
    }

    private static boolean runChar(char c) {
        return Chars.digit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/'
                || c == 'x';
    }
}
