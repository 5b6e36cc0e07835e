package dev.sieve.scrub;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.ValidCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Phone numbers as libphonenumber reads them, for each of the scrubber's regions (national forms) and in
 * international form, at leniency {@code VALID}: the number must be a valid number of its region, which dates,
 * amounts and short numbers are not. A number written with {@code +} and a country code needs only a possible
 * length for that country (leniency {@code POSSIBLE}), since the {@code +} already says it is a phone number.
 *
 * <p>libphonenumber is thorough but slow (tens of microseconds a call), so it only sees windows of at most
 * {@value #WINDOW} chars over runs that could hold a phone number: digits and the punctuation numbers are written
 * with, {@value #MIN_DIGITS} digits or more and a group of three digits or more, split at what no number
 * holds: dates and digit groups longer than any number ({@value #MAX_GROUP} digits). Windows overlap by half, so a number of up to {@value #STEP} chars is always seen
 * whole. A scrubber remembers what the last {@value #WINDOWS_KEPT} windows it read held, so the same field scrubbed
 * for several purposes, or the same number in many events, is read once. A text gets at most {@link #budget}
 * windows read that were not remembered; past
 * that (only texts crowded with numbers get there) each remaining candidate run is replaced unread: closed, not
 * open, and linear whatever the text.
 */
final class PhoneRecognizer implements Recognizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    static final int MIN_DIGITS = 7;
    /** No phone number has a longer unbroken digit group (E.164 numbers have at most 15 digits, plus a prefix). */
    static final int MAX_GROUP = 17;
    private static final int MIN_LONGEST_GROUP = 3;
    private static final int WINDOW = 64;
    private static final int STEP = WINDOW / 2;
    /** Candidates libphonenumber may try in one window; a window holds fewer. */
    private static final long MAX_TRIES = WINDOW;
    private static final int MIN_BUDGET = 8;
    /** Windows whose numbers a scrubber remembers, across texts; then it starts over. */
    static final int WINDOWS_KEPT = 4096;
    /** One more window read per this many chars of text. */
    private static final int CHARS_PER_WINDOW = 512;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < MIN_DIGITS) {
            return;
        }
        String t = scan.text();
        Reader reader = new Reader(scan, budget(t.length()));
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (!Chars.digit(c) && c != '+' && c != '(') {
                i++;
                continue;
            }
            int e = i;
            while (e < t.length() && runChar(t.charAt(e))) {
                e++;
            }
            run(t, i, e, reader, out);
            i = Math.max(e, i + 1);
        }
    }

    /**
     * Reads run {@code [start, end)} in the parts between what no phone number contains: dates
     * ({@code 2026-12-05}, {@code 2026.12.05}, {@code 2026/12/05}) and digit groups longer than any number.
     */
    private static void run(String t, int start, int end, Reader reader, List<Finding> out) {
        int part = start;
        int k = start;
        while (k < end) {
            if (!Chars.digit(t.charAt(k))) {
                k++;
                continue;
            }
            int g = Chars.digitsEnd(t, k);
            int barrier = g - k > MAX_GROUP ? g : dateEnd(t, k, g, end);
            if (barrier > 0) {
                candidate(t, part, k, reader, out);
                part = barrier;
                k = barrier;
            } else {
                k = g;
            }
        }
        candidate(t, part, end, reader, out);
    }

    /** Reads {@code [start, end)} when it holds enough digits, and a group of three or more, to be a number. */
    private static void candidate(String t, int start, int end, Reader reader, List<Finding> out) {
        int digits = 0;
        int group = 0;
        int longest = 0;
        for (int k = start; k < end; k++) {
            group = Chars.digit(t.charAt(k)) ? group + 1 : 0;
            digits += group > 0 ? 1 : 0;
            longest = Math.max(longest, group);
        }
        if (digits >= MIN_DIGITS && longest >= MIN_LONGEST_GROUP) {
            reader.windows(start, end, out);
        }
    }

    /**
     * End of a year-month-day date whose year is the digit group {@code [k, g)}, written with one separator
     * throughout; -1 when there is none.
     */
    private static int dateEnd(String t, int k, int g, int end) {
        if (g - k != 4 || g >= end - 2) {
            return -1;
        }
        char sep = t.charAt(g);
        if (sep != '-' && sep != '.' && sep != '/') {
            return -1;
        }
        int m = Chars.digitsEnd(t, g + 1);
        if (m - g - 1 < 1 || m - g - 1 > 2 || !Chars.at(t, m, sep)) {
            return -1;
        }
        int d = Chars.digitsEnd(t, m + 1);
        if (d - m - 1 < 1 || d - m - 1 > 2) {
            return -1;
        }
        int month = Integer.parseInt(t, g + 1, m, 10);
        int day = Integer.parseInt(t, m + 1, d, 10);
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? d : -1;
    }

    static int budget(int length) {
        return MIN_BUDGET + length / CHARS_PER_WINDOW;
    }

    /** Reads windows of one text through libphonenumber, or from {@link Scrubber#phoneWindows()}. */
    private static final class Reader {
        private final Scan scan;
        private final Map<String, List<int[]>> read;
        private int budget;

        Reader(Scan scan, int budget) {
            this.scan = scan;
            this.read = scan.scrubber().phoneWindows();
            this.budget = budget;
        }

        void windows(int start, int end, List<Finding> out) {
            for (int w = start; w < end; w += STEP) {
                int we = Math.min(end, w + WINDOW);
                String window = scan.text().substring(w, we);
                List<int[]> found = read.get(window);
                if (found == null && budget == 0) {
                    out.add(new Finding(w, we, Marker.PHONE));
                } else {
                    if (found == null) {
                        budget--;
                        found = numbers(window, regions());
                        if (read.size() >= WINDOWS_KEPT) {
                            read.clear();
                        }
                        read.put(window, found);
                    }
                    for (int[] m : found) {
                        out.add(new Finding(w + m[0], w + m[1], Marker.PHONE));
                    }
                }
                if (we == end) {
                    break;
                }
            }
        }

        /** The scrubber's regions; with none, "ZZ" (unknown), which still finds numbers in international form. */
        private Iterable<String> regions() {
            return scan.scrubber().phoneRegions().isEmpty() ? List.of("ZZ") : scan.scrubber().phoneRegions();
        }
    }

    /**
     * The numbers libphonenumber finds in {@code window} read in each of {@code regions} at leniency {@code VALID},
     * then in international form at {@code POSSIBLE} when a {@code +} is left over. A window of digits only (a number
     * written without spaces, the common case) is one candidate as it stands: it is parsed and checked once per region
     * ({@link ValidCandidate}) instead of going through {@code findNumbers}' matcher, with the same answer.
     */
    static List<int[]> numbers(String window, Iterable<String> regions) {
        List<int[]> found = new ArrayList<>();
        boolean oneCandidate = digitsOnly(window);
        for (String region : regions) {
            if (oneCandidate) {
                if (ValidCandidate.valid(window, region)) {
                    found.add(new int[] {0, window.length()});
                }
                continue;
            }
            for (PhoneNumberMatch m : PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, MAX_TRIES)) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        if (uncoveredPlus(window, found)) {
            // Written with + and a country code, a number of a possible length for that country is a phone
            // number even where it is not a valid one: test and fictional ranges (+44 7700 900123) too.
            for (PhoneNumberMatch m : PHONES.findNumbers(window, "ZZ", PhoneNumberUtil.Leniency.POSSIBLE,
                    MAX_TRIES)) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        return found;
    }

    /**
     * Whether {@code window} is ASCII digits only, no more than a digit group may hold: the matcher would take it
     * whole as its one candidate (its digit blocks reach {@code MAX_LENGTH_FOR_NSN + MAX_LENGTH_COUNTRY_CODE}, 20).
     */
    private static boolean digitsOnly(String window) {
        if (window.length() > MAX_GROUP) {
            return false;
        }
        for (int i = 0; i < window.length(); i++) {
            if (!Chars.digit(window.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the window has a {@code +} that no number found so far covers: only then is a second read due. */
    private static boolean uncoveredPlus(String window, List<int[]> found) {
        for (int p = window.indexOf('+'); p >= 0; p = window.indexOf('+', p + 1)) {
            int at = p;
            if (found.stream().noneMatch(m -> m[0] <= at && at < m[1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean runChar(char c) {
        return Chars.digit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '/'
                || c == 'x';
    }
}
