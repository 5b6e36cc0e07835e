package dev.sieve.scrub;

import java.util.List;
import java.util.Set;

/**
 * IPv4 addresses: four decimal octets of at most 255, standing alone (not part of a longer dotted number). A
 * dotted quad right after a version word ({@code version 1.2.3.4}, {@code v1.2.3.4}, {@code build: 10.0.1.2}) is
 * a version and stays.
 */
final class Ipv4Recognizer implements Recognizer {

    private static final Set<String> VERSION_WORDS = Set.of("version", "ver", "v", "build", "release", "firmware",
            "fw", "sdk", "os", "app", "appversion", "osversion", "sdkversion", "rev", "revision");
    /** How far back a version word is looked for. */
    private static final int MAX_CONTEXT = 24;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.digits() < 4 || scan.dots() < 3) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (!Chars.digit(t.charAt(i)) || (i > 0 && (Chars.digit(t.charAt(i - 1)) || t.charAt(i - 1) == '.'))) {
                i++;
                continue;
            }
            int end = addressEnd(t, i);
            if (end > 0 && !afterVersionWord(t, i)) {
                out.add(new Finding(i, end, Marker.IP));
                i = end;
            } else {
                i = Math.max(i + 1, Chars.digitsEnd(t, i));
            }
        }
    }

    static int addressEnd(String t, int i) {
        int k = i;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (!Chars.at(t, k, '.')) {
                    return -1;
                }
                k++;
            }
            int e = Chars.digitsEnd(t, k);
            if (e == k || e - k > 3 || Integer.parseInt(t, k, e, 10) > 255) {
                return -1;
            }
            k = e;
        }
        boolean longer = Chars.at(t, k, '.') && k + 1 < t.length() && Chars.digit(t.charAt(k + 1));
        return longer || (k < t.length() && Chars.word(t.charAt(k))) ? -1 : k;
    }

    /** Whether the word just before {@code i} (past spaces, {@code :}, {@code =}) says "version". */
    private static boolean afterVersionWord(String t, int i) {
        int k = i;
        while (k > 0 && i - k < MAX_CONTEXT && " :=\"'".indexOf(t.charAt(k - 1)) >= 0) {
            k--;
        }
        int e = k;
        while (k > 0 && e - k < MAX_CONTEXT && (Chars.asciiLetter(t.charAt(k - 1)) || t.charAt(k - 1) == '_')) {
            k--;
        }
        String word = t.substring(k, e).replace("_", "");
        return VERSION_WORDS.contains(word) || word.endsWith("version");
    }
}
