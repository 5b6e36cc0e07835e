package dev.sieve.scrub;

import java.util.List;
import java.util.Set;

/**
 * IPv4 addresses: four octets of at most 255, standing alone (not part of a longer dotted number), each written
 * as the C library's {@code inet_aton} reads it: decimal ({@code 203}, zero-padded {@code 042}), octal with a
 * leading zero ({@code 0313}) or hex ({@code 0xCB}), so every spelling a client resolves to the address is caught. A
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
            // not inside a longer number, a dotted one or a hex octet's 0x
            if (!Chars.digit(t.charAt(i)) || (i > 0 && (Chars.digit(t.charAt(i - 1)) || t.charAt(i - 1) == '.'
                    || t.charAt(i - 1) == 'x'))) {
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
            k = octetEnd(t, k);
            if (k < 0) {
                return -1;
            }
        }
        boolean longer = Chars.at(t, k, '.') && k + 1 < t.length() && Chars.digit(t.charAt(k + 1));
        return longer || (k < t.length() && Chars.word(t.charAt(k))) ? -1 : k;
    }

    /**
     * The host name with each IPv4 address written into it replaced by {@code [ip]}: wildcard-DNS names
     * ({@code 203.0.113.42.nip.io}) and the names providers give addresses ({@code ec2-203-0-113-42.compute-1...}),
     * four decimal octets joined by dots or by dashes, starting a label or after a dash.
     */
    static String maskInHost(String host) {
        StringBuilder masked = null;
        int copied = 0;
        for (int i = 0; i < host.length(); i++) {
            boolean starts = Chars.digit(host.charAt(i)) && (i == 0 || host.charAt(i - 1) == '.'
                    || host.charAt(i - 1) == '-');
            int end = starts ? Math.max(quadEnd(host, i, '.'), quadEnd(host, i, '-')) : -1;
            if (end > 0) {
                masked = masked == null ? new StringBuilder(host.length()) : masked;
                masked.append(host, copied, i).append(Marker.IP.text());
                copied = end;
                i = end - 1;
            }
        }
        return masked == null ? host : masked.append(host, copied, host.length()).toString();
    }

    /** End of four decimal octets joined by {@code sep}, ending the host or a label; -1 when there are none. */
    private static int quadEnd(String host, int i, char sep) {
        int k = i;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (!Chars.at(host, k, sep)) {
                    return -1;
                }
                k++;
            }
            k = decimalOctetEnd(host, k);
            if (k < 0) {
                return -1;
            }
        }
        return k == host.length() || host.charAt(k) == '.' || host.charAt(k) == '-' ? k : -1;
    }

    /** End of an octet of at most 255 at {@code k}, decimal, octal or hex; -1 when there is none. */
    private static int octetEnd(String t, int k) {
        if (Chars.at(t, k, '0') && Chars.at(t, k + 1, 'x')) {
            int e = k + 2;
            while (e < t.length() && e - k < 4 && Chars.hex(t.charAt(e))) {
                e++;
            }
            return e > k + 2 ? e : -1;
        }
        int e = Chars.digitsEnd(t, k);
        if (e - k == 4) { // only octal takes four digits: 0377 is 255
            return t.charAt(k) == '0' && octal(t, k, e) && Integer.parseInt(t, k, e, 8) <= 255 ? e : -1;
        }
        return decimalOctetEnd(t, k);
    }

    /** End of one to three decimal digits at {@code k} worth at most 255; -1 when there are none. */
    private static int decimalOctetEnd(String t, int k) {
        int e = Chars.digitsEnd(t, k);
        return e == k || e - k > 3 || Integer.parseInt(t, k, e, 10) > 255 ? -1 : e;
    }

    private static boolean octal(String t, int start, int end) {
        for (int i = start; i < end; i++) {
            if (t.charAt(i) > '7') {
                return false;
            }
        }
        return true;
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
