package dev.sieve.scrub;

import java.util.List;

/**
 * Long digit runs no validator claimed: account, order-tracking, QQ and other numbers. A run of
 * {@value #MIN_RUN} digits or more, or a chain of groups of three or more ({@code 6222 0212 3456 7890}) with
 * {@value #MIN_CHAIN} digits or more, becomes {@code [number]}, and so does a number spelled out one digit at a time
 * ({@code 1 3 8 0 0 1 3 8 0 0 0}: {@value #MIN_RUN} single digits or more); dates, amounts, short numbers and short
 * lists ({@code 1 2 3 4 5}) stay.
 */
final class DigitRunRecognizer implements Recognizer {

    static final int MIN_RUN = 9;
    static final int MIN_CHAIN = 12;
    /** Groups shorter than this do not join a chain ("1 2 3 4 5" is a list). */
    private static final int MIN_GROUP = 3;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < MIN_RUN) {
            return;
        }
        DigitGroups.forEachChain(scan.text(), (starts, ends, size) -> {
            if (size >= MIN_RUN && ends[size - 1] - starts[0] == 2 * size - 1) { // every group a single digit
                out.add(new Finding(starts[0], ends[size - 1], Marker.NUMBER));
                return;
            }
            int from = 0;
            while (from < size) {
                int to = from;
                int digits = ends[from] - starts[from];
                while (to + 1 < size && ends[to] - starts[to] >= MIN_GROUP
                        && ends[to + 1] - starts[to + 1] >= MIN_GROUP) {
                    to++;
                    digits += ends[to] - starts[to];
                }
                if ((from == to && digits >= MIN_RUN) || (to > from && digits >= MIN_CHAIN)) {
                    out.add(new Finding(starts[from], ends[to], Marker.NUMBER));
                }
                from = to + 1;
            }
        });
    }
}
