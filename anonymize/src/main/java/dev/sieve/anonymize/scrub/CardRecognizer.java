package dev.sieve.anonymize.scrub;

import java.util.List;

/**
 * Payment card numbers (13 to 19 digits) and IMEIs (15 digits), written whole or in groups, that pass Luhn. A
 * 15-digit number is an IMEI unless it starts like an American Express card ({@code 34}, {@code 37}).
 */
final class CardRecognizer implements Recognizer {

    private static final int MIN = 13;
    private static final int MAX = 19;
    private static final int IMEI = 15;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        for (DigitGroups.Chain chain : DigitGroups.chains(t)) {
            int from = 0;
            while (from < chain.size()) {
                int best = -1;
                int digits = 0;
                for (int to = from; to < chain.size() && digits <= MAX; to++) {
                    digits += chain.ends()[to] - chain.starts()[to];
                    if (digits >= MIN && digits <= MAX && Checksums.luhn(chain.text(t, from, to))) {
                        best = to;
                    }
                }
                if (best < 0) {
                    from++;
                    continue;
                }
                String number = chain.text(t, from, best);
                boolean imei = number.length() == IMEI && !number.startsWith("34") && !number.startsWith("37");
                out.add(new Finding(chain.starts()[from], chain.ends()[best], imei ? Marker.IMEI : Marker.CARD));
                from = best + 1;
            }
        }
    }
}
