package dev.sieve.scrub;

import java.util.List;

/**
 * IPv6 addresses in every textual form: full, compressed ({@code ::}), with an embedded IPv4 address
 * ({@code ::ffff:192.0.2.1}), with a zone id ({@code fe80::1%eth0}), bracketed or not. A candidate is a run of hex
 * digits, colons and dots of at most {@value #MAX_ADDRESS} chars with two colons or more; it counts when it parses.
 */
final class Ipv6Recognizer implements Recognizer {

    /** The longest textual IPv6 address (with an embedded IPv4 address). */
    private static final int MAX_ADDRESS = 45;
    private static final int MAX_ZONE = 32;

    @Override
    public void find(Scan scan, List<Finding> out) {
        if (scan.colons() < 2) {
            return;
        }
        String t = scan.text();
        int i = 0;
        while (i < t.length()) {
            if (labelColon(t, i)) {
                i++;
            } else if (!candidateChar(t.charAt(i)) || (i > 0 && (Chars.word(t.charAt(i - 1))
                    || candidateChar(t.charAt(i - 1))))) {
                i++;
                continue;
            }
            int e = i;
            while (e < t.length() && candidateChar(t.charAt(e))) {
                e++;
            }
            int end = e - i <= MAX_ADDRESS ? addressEnd(t, i, e) : -1;
            if (end > 0) {
                out.add(new Finding(i, zoneEnd(t, end), Marker.IP));
            }
            i = e;
        }
    }

    /** The end of the address in candidate run {@code [i, e)}, allowing one trailing dot or colon; or -1. */
    private static int addressEnd(String t, int i, int e) {
        if (Chars.wordEnd(t, e) || Chars.at(t, e, '%')) {
            if (valid(t.substring(i, e))) {
                return e;
            }
            if (e - i > 2 && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == ':') && valid(t.substring(i, e - 1))) {
                return e - 1;
            }
        }
        return -1;
    }

    private static int zoneEnd(String t, int end) {
        if (!Chars.at(t, end, '%')) {
            return end;
        }
        int k = end + 1;
        while (k < t.length() && k - end <= MAX_ZONE && (Chars.word(t.charAt(k)) || t.charAt(k) == '.'
                || t.charAt(k) == '-')) {
            k++;
        }
        return k > end + 1 ? k : end;
    }

    /** Whether {@code s} is a textual IPv6 address (RFC 4291 section 2.2), other than a bare {@code ::}. */
    static boolean valid(String s) {
        int colons = 0;
        for (int k = 0; k < s.length(); k++) {
            colons += s.charAt(k) == ':' ? 1 : 0;
        }
        if (colons < 2 || s.equals("::")) {
            return false;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int headGroups = groups(head, tail.isEmpty() && gap < 0);
        int tailGroups = gap >= 0 ? groups(tail, true) : 0;
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        int total = headGroups + tailGroups;
        return gap >= 0 ? total <= 7 : total == 8;
    }

    /**
     * How many 16-bit groups {@code part} (colon-separated) holds, an IPv4 address counting two when
     * {@code last} allows it at the end; -1 when malformed.
     */
    private static int groups(String part, boolean last) {
        if (part.isEmpty()) {
            return 0;
        }
        int count = 0;
        int start = 0;
        for (int k = 0; k <= part.length(); k++) {
            if (k < part.length() && part.charAt(k) != ':') {
                continue;
            }
            String group = part.substring(start, k);
            if (k == part.length() && last && group.indexOf('.') >= 0) {
                if (Ipv4Recognizer.addressEnd(group, 0) != group.length()) {
                    return -1;
                }
                count += 2;
            } else if (group.isEmpty() || group.length() > 4 || !hexGroup(group)) {
                return -1;
            } else {
                count++;
            }
            start = k + 1;
        }
        return count;
    }

    private static boolean hexGroup(String g) {
        for (int k = 0; k < g.length(); k++) {
            if (!Chars.hex(g.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** A colon ending a label ({@code addr:2001:db8::1}): the address starts after it. */
    private static boolean labelColon(String t, int i) {
        return Chars.at(t, i, ':') && i > 0 && Chars.word(t.charAt(i - 1)) && i + 1 < t.length()
                && Chars.hex(t.charAt(i + 1));
    }

    private static boolean candidateChar(char c) {
        return Chars.hex(c) || c == ':' || c == '.';
    }
}
