package dev.sieve.anonymize.scrub;

import java.util.List;

/**
 * Long digit runs no validator claimed: account, order-tracking, QQ and other numbers. A run of
 * {@value #MIN_RUN} digits or more, or a chain of groups ({@code 6222 0212 3456 7890}) with {@value #MIN_CHAIN}
 * digits or more, becomes {@code [number]}; dates, amounts and short numbers stay.
 */
final class DigitRunRecognizer implements Recognizer {

    static final int MIN_RUN = 9;
    static final int MIN_CHAIN = 12;
    /** Groups shorter than this do not join a chain ("1 2 3 4 5" is a list). */
    private static final int MIN_GROUP = 3;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        for (DigitGroups.Chain chain : DigitGroups.chains(t)) {
            int from = 0;
            while (from < chain.size()) {
                int to = from;
                while (to + 1 < chain.size() && chain.ends()[to] - chain.starts()[to] >= MIN_GROUP
                        && chain.ends()[to + 1] - chain.starts()[to + 1] >= MIN_GROUP) {
                    to++;
                }
                int digits = chain.digits(from, to);
                boolean longRun = from == to && digits >= MIN_RUN;
                if (longRun || (to > from && digits >= MIN_CHAIN)) {
                    out.add(new Finding(chain.starts()[from], chain.ends()[to], Marker.NUMBER));
                }
                from = to + 1;
            }
        }
    }
}
