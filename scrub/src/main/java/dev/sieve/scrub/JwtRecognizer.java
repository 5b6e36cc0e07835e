package dev.sieve.scrub;

import java.util.List;

/**
 * A whole JSON Web Token, all three segments: a base64url header starting {@code eyJ} (the encoding of
 * <code>{"</code>), a payload, and a signature (empty for unsigned tokens).
 */
final class JwtRecognizer implements Recognizer {

    /** Shortest header and payload segment counted: {@code {"alg":"none"}} encodes to more. */
    private static final int MIN_SEGMENT = 10;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        int from = 0;
        int k;
        while ((k = t.indexOf("eyj", from)) >= 0) {
            from = k + 3;
            if (!Chars.wordStart(t, k)) {
                continue;
            }
            int headerEnd = segmentEnd(t, k);
            if (headerEnd - k < MIN_SEGMENT || !Chars.at(t, headerEnd, '.')) {
                from = Math.max(from, headerEnd);
                continue;
            }
            int payloadEnd = segmentEnd(t, headerEnd + 1);
            if (payloadEnd - headerEnd - 1 < MIN_SEGMENT) {
                from = Math.max(from, payloadEnd);
                continue;
            }
            int end = payloadEnd;
            if (Chars.at(t, payloadEnd, '.')) {
                end = segmentEnd(t, payloadEnd + 1);
            }
            out.add(new Finding(k, end, Marker.CREDENTIAL));
            from = end;
        }
    }

    private static int segmentEnd(String t, int i) {
        while (i < t.length() && (Chars.asciiAlnum(t.charAt(i)) || t.charAt(i) == '-' || t.charAt(i) == '_')) {
            i++;
        }
        return i;
    }
}
