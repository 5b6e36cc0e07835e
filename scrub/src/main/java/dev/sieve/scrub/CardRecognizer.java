package dev.sieve.scrub;

import java.util.List;

/**
 * Payment card numbers (13 to 19 digits) and IMEIs (15 digits), written whole or in groups, that pass Luhn. A
 * 15-digit number is an IMEI unless it starts like an American Express card ({@code 34}, {@code 37}).
 */
final class CardRecognizer implements Recognizer {

    private static final int MIN = 13;
    private static final int MAX = 19;
    private static final int IMEI = 15;
    /** Cards and IMEIs are written in at most this many groups (4-4-4-4-3, 2-6-6-1). */
    private static final int MAX_GROUPS = 6;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < MIN) {
            return;
        }
        String t = scan.text();
        char[] digits = new char[MAX + 1];
        DigitGroups.forEachChain(t, (starts, ends, size) -> {
            int from = 0;
            while (from < size) {
                int best = -1;
                int bestLength = 0;
                int n = 0;
                for (int to = from; to < size && to < from + MAX_GROUPS && n <= MAX; to++) {
                    for (int k = starts[to]; k < ends[to] && n <= MAX; k++) {
                        digits[n++] = t.charAt(k);
                    }
                    if (n >= MIN && n <= MAX && Checksums.luhn(digits, n)) {
                        best = to;
                        bestLength = n;
                    }
                }
                if (best < 0) {
                    from++;
                    continue;
                }
                boolean imei = bestLength == IMEI && !(digits[0] == '3' && (digits[1] == '4' || digits[1] == '7'));
                out.add(new Finding(starts[from], ends[best], imei ? Marker.IMEI : Marker.CARD));
                from = best + 1;
            }
        });
    }
}
