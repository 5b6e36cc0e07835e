package dev.sieve.scrub;

import java.util.List;

/** UUIDs in their canonical 8-4-4-4-12 hex form. */
final class UuidRecognizer implements Recognizer {

    private static final int[] GROUPS = {8, 4, 4, 4, 12};

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.hexDigits() < 32 || scan.dashes() < GROUPS.length - 1) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!Chars.hex(t.charAt(i)) || !Chars.wordStart(t, i)) {
                i++;
                continue;
            }
            int end = uuidEnd(t, i);
            if (end > 0) {
                out.add(new Finding(i, end, Marker.UUID));
                i = end;
            } else {
                i++;
            }
        }
    }

    private static int uuidEnd(String t, int i) {
        int k = i;
        for (int g = 0; g < GROUPS.length; g++) {
            if (g > 0) {
                if (!Chars.at(t, k, '-')) {
                    return -1;
                }
                k++;
            }
            for (int n = 0; n < GROUPS[g]; n++, k++) {
                if (k >= t.length() || !Chars.hex(t.charAt(k))) {
                    return -1;
                }
            }
        }
        return Chars.wordEnd(t, k) ? k : -1;
    }
}
