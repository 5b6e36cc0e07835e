package dev.sieve.scrub;

import java.util.Arrays;

/**
 * Runs of digit groups joined by single spaces, dashes or dots, the way card, account and IMEI numbers are written
 * ({@code 4111 1111 1111 1111}, {@code 35-209900-176148-1}, {@code 4111.1111.1111.1111}), found in one pass. The same arrays are reused for
 * every chain of a text.
 */
final class DigitGroups {

    /** Visits one chain: {@code starts[k]} and {@code ends[k]} bound its k-th group, for k below {@code size}. */
    interface ChainVisitor {
        void visit(int[] starts, int[] ends, int size);
    }

    private DigitGroups() {}

    static void forEachChain(String t, ChainVisitor visitor) {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int i = 0;
        while (i < t.length()) {
            if (!Chars.digit(t.charAt(i))) {
                i++;
                continue;
            }
            int size = 0;
            int k = i;
            while (true) {
                int e = Chars.digitsEnd(t, k);
                if (size == starts.length) {
                    starts = Arrays.copyOf(starts, size * 2);
                    ends = Arrays.copyOf(ends, size * 2);
                }
                starts[size] = k;
                ends[size] = e;
                size++;
                boolean joined = e + 1 < t.length() && (t.charAt(e) == ' ' || t.charAt(e) == '-'
                        || t.charAt(e) == '.') && Chars.digit(t.charAt(e + 1));
                if (!joined) {
                    i = e;
                    break;
                }
                k = e + 1;
            }
            visitor.visit(starts, ends, size);
        }
    }
}
