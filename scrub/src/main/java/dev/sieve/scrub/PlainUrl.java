package dev.sieve.scrub;

/**
 * Takes apart, in one pass, a URL of the plain form nearly every URL has, and gives exactly the parts
 * {@link java.net.URI} gives for it ({@code PlainUrlTest} compares them): {@code scheme://host[:port][/path][?query][#fragment]}
 * with an ASCII host name of letters, digits, hyphens and dots whose last label starts with a letter, a port of at
 * most five digits, and a path, query and fragment of the ASCII chars {@link java.net.URI} takes there and well-formed
 * percent escapes. Anything else (userinfo, IP addresses, internationalized hosts, any other char) is not taken
 * apart here but left to {@link java.net.URI}, whose parser costs about a tenth of a service-log event.
 */
final class PlainUrl {

    private static final int MAX_PORT_DIGITS = 5;
    /** ASCII chars a path may hold as they are: unreserved, the segment and parameter punctuation, and '/'. */
    private static final boolean[] PATH = chars("-_.!~*'();:@&=+$,/");
    /** ASCII chars a query or fragment may hold as they are: a path's and '?'. */
    private static final boolean[] QUERY = chars("-_.!~*'();:@&=+$,/?");

    private PlainUrl() {}

    /** The parts of {@code url}, or null when it is not of the plain form. */
    static UrlParts parts(String url) {
        int n = url.length();
        int colon = scheme(url);
        if (colon < 0 || !url.startsWith("//", colon + 1)) {
            return null;
        }
        int hostStart = colon + 3;
        int hostEnd = hostEnd(url, hostStart);
        if (hostEnd < 0) {
            return null;
        }
        int authorityEnd = hostEnd;
        int port = -1;
        if (authorityEnd < n && url.charAt(authorityEnd) == ':') {
            int digitsEnd = Chars.digitsEnd(url, authorityEnd + 1);
            if (digitsEnd == authorityEnd + 1 || digitsEnd - authorityEnd - 1 > MAX_PORT_DIGITS) {
                return null;
            }
            port = Integer.parseInt(url, authorityEnd + 1, digitsEnd, 10);
            authorityEnd = digitsEnd;
        }
        if (authorityEnd < n && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            return null;
        }
        int pathEnd = valid(url, authorityEnd, PATH);
        int queryEnd = pathEnd;
        if (pathEnd < n && url.charAt(pathEnd) == '?') {
            queryEnd = valid(url, pathEnd + 1, QUERY);
        }
        if (queryEnd < n && (url.charAt(queryEnd) != '#' || valid(url, queryEnd + 1, QUERY) != n)) {
            return null;
        }
        return new UrlParts(url.substring(0, colon), url.substring(hostStart, hostEnd), port,
                url.substring(hostStart, authorityEnd), url.substring(authorityEnd, pathEnd),
                queryEnd > pathEnd ? url.substring(pathEnd + 1, queryEnd) : null);
    }

    /** The index of the colon ending the scheme: a letter, then letters, digits, '+', '-' or '.'; -1 for none. */
    private static int scheme(String url) {
        if (url.isEmpty() || !letter(url.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!letter(c) && !Chars.digit(c) && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The end of the host name starting at {@code start}: dot-separated labels of letters, digits and inner hyphens,
     * the last one starting with a letter (so it is no IPv4 address); -1 when there is none.
     */
    private static int hostEnd(String url, int start) {
        int i = start;
        int labelStart = start;
        while (true) {
            while (i < url.length() && (letter(url.charAt(i)) || Chars.digit(url.charAt(i))
                    || url.charAt(i) == '-')) {
                i++;
            }
            if (i == labelStart || url.charAt(labelStart) == '-' || url.charAt(i - 1) == '-') {
                return -1;
            }
            if (i < url.length() && url.charAt(i) == '.') {
                i++;
                labelStart = i;
            } else {
                return letter(url.charAt(labelStart)) ? i : -1;
            }
        }
    }

    /** The end of the run from {@code i} of {@code allowed} chars and well-formed percent escapes. */
    private static int valid(String url, int i, boolean[] allowed) {
        while (i < url.length()) {
            char c = url.charAt(i);
            if (c == '%' && i + 2 < url.length() && hexDigit(url.charAt(i + 1)) && hexDigit(url.charAt(i + 2))) {
                i += 3;
            } else if (c < 128 && (letter(c) || Chars.digit(c) || allowed[c])) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private static boolean letter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean hexDigit(char c) {
        return Chars.digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean[] chars(String punctuation) {
        boolean[] allowed = new boolean[128];
        for (char c : punctuation.toCharArray()) {
            allowed[c] = true;
        }
        return allowed;
    }
}
