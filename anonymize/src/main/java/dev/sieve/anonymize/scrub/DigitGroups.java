package dev.sieve.anonymize.scrub;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs of digit groups joined by single spaces or dashes, the way card, account and IMEI numbers are written
 * ({@code 4111 1111 1111 1111}, {@code 35-209900-176148-1}). Each chain is found once, in one pass.
 */
final class DigitGroups {

    private DigitGroups() {}

    /** One chain: {@code starts[k]} and {@code ends[k]} bound its k-th group of digits. */
    record Chain(int[] starts, int[] ends) {
        int size() {
            return starts.length;
        }

        int digits(int from, int to) {
            int n = 0;
            for (int k = from; k <= to; k++) {
                n += ends[k] - starts[k];
            }
            return n;
        }

        /** The digits of groups {@code from..to} without separators. */
        String text(String t, int from, int to) {
            StringBuilder sb = new StringBuilder();
            for (int k = from; k <= to; k++) {
                sb.append(t, starts[k], ends[k]);
            }
            return sb.toString();
        }
    }

    static List<Chain> chains(String t) {
        List<Chain> chains = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            if (!Chars.digit(t.charAt(i))) {
                i++;
                continue;
            }
            List<Integer> starts = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            int k = i;
            while (true) {
                int e = Chars.digitsEnd(t, k);
                starts.add(k);
                ends.add(e);
                boolean joined = e + 1 < t.length() && (t.charAt(e) == ' ' || t.charAt(e) == '-')
                        && Chars.digit(t.charAt(e + 1));
                if (!joined) {
                    i = e;
                    break;
                }
                k = e + 1;
            }
            chains.add(new Chain(starts.stream().mapToInt(Integer::intValue).toArray(),
                    ends.stream().mapToInt(Integer::intValue).toArray()));
        }
        return chains;
    }
}
