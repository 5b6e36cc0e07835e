package dev.sieve.scrub;

import com.google.common.net.InternetDomainName;
import java.util.List;

/**
 * A URL quoted in free text ({@code scheme://...}, {@code www....}, or a domain name under a public suffix followed
 * by a path, {@code t.me/alice}, up to the next space or quote) goes through the same logic as {@code scrub_url}: it
 * is replaced by its scrubbed form, or by {@code [url]} when it cannot be parsed. Whether a name ends in a public
 * suffix is the Public Suffix List's answer (Guava's {@link InternetDomainName}), so {@code config.yaml/section}
 * is no URL.
 */
final class UrlRecognizer implements Recognizer {

    /** Longest scheme looked for before {@code ://}. */
    private static final int MAX_SCHEME = 32;
    private static final String HTTP = "http://";
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"";
    /** The longest domain name. */
    private static final int MAX_HOST = 253;

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        int from = 0;
        int k;
        while ((k = t.indexOf("://", from)) >= 0) {
            int s = k;
            while (s > 0 && k - s < MAX_SCHEME && schemeChar(t.charAt(s - 1))) {
                s--;
            }
            while (s < k && !Chars.asciiLetter(t.charAt(s))) {
                s++;
            }
            int e = urlEnd(t, k + 3);
            if (s < k && e > k + 3) {
                add(scan, s, e, "", out);
            }
            from = Math.max(e, k + 3);
        }
        schemeless(scan, out);
        if (scan.has('/') && scan.dots() > 0) {
            bareDomains(scan, out);
        }
    }

    /** {@code www.example.com/account/alice}: read as an http URL, reported without the scheme it lacked. */
    private static void schemeless(Scan scan, List<Finding> out) {
        String t = scan.text();
        for (int k = t.indexOf("www.", 0); k >= 0; k = t.indexOf("www.", k + 4)) {
            if (!Chars.wordStart(t, k) || (k >= 3 && t.startsWith("://", k - 3))) {
                continue;
            }
            int e = urlEnd(t, k + 4);
            add(scan, k, e, HTTP, out);
            k = e - 4;
        }
    }

    /** {@code t.me/alice_smith}: a domain name under a public suffix, a path after it, and neither scheme nor www. */
    private static void bareDomains(Scan scan, List<Finding> out) {
        String t = scan.text();
        for (int slash = t.indexOf('/'); slash >= 0; slash = t.indexOf('/', slash + 1)) {
            int s = slash;
            while (s > 0 && slash - s <= MAX_HOST && hostChar(t.charAt(s - 1))) {
                s--;
            }
            boolean attached = s > 0 && (hostChar(t.charAt(s - 1)) || "/@:".indexOf(t.charAt(s - 1)) >= 0);
            boolean path = slash + 1 < t.length() && !ends(t.charAt(slash + 1)) && t.charAt(slash + 1) != '/';
            int dot = t.indexOf('.', s);
            if (attached || !path || dot < 0 || dot >= slash || t.startsWith("www.", s)
                    || !publicDomain(t.substring(s, slash))) {
                continue;
            }
            int e = urlEnd(t, slash + 1);
            add(scan, s, e, HTTP, out);
            slash = e - 1;
        }
    }

    /** End of a URL whose rest starts at {@code from}: the next space or quote, less trailing punctuation. */
    private static int urlEnd(String t, int from) {
        int e = from;
        while (e < t.length() && !ends(t.charAt(e))) {
            e++;
        }
        while (e > from && TRAILING_PUNCTUATION.indexOf(t.charAt(e - 1)) >= 0) {
            e--;
        }
        return e;
    }

    /**
     * Adds URL {@code [start, end)} as {@code scrub_url} scrubs it, read with {@code scheme} in front when it was
     * written without one (reported without it again), or {@code [url]} when it cannot be parsed.
     */
    private static void add(Scan scan, int start, int end, String scheme, List<Finding> out) {
        String scrubbed = scan.nested() ? null
                : scan.scrubber().url(scheme + scan.originalSpan(start, end), List.of(), scan.known(), null);
        out.add(scrubbed == null ? new Finding(start, end, Marker.URL)
                : new Finding(start, end, scrubbed.substring(scheme.length())));
    }

    private static boolean publicDomain(String host) {
        return InternetDomainName.isValid(host) && InternetDomainName.from(host).isUnderPublicSuffix();
    }

    private static boolean hostChar(char c) {
        return Chars.asciiAlnum(c) || c == '-' || c == '.';
    }

    private static boolean schemeChar(char c) {
        return Chars.asciiAlnum(c) || c == '+' || c == '.' || c == '-';
    }

    private static boolean ends(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`'
                || (c >= 0x80 && !Character.isLetterOrDigit(c));
    }
}
