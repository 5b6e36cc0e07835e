package dev.sieve.scrub;

import java.util.List;

/**
 * E-mail addresses: a local part (at most {@value #MAX_LOCAL} chars are looked at), {@code @}, and a domain of
 * dot-separated labels ending in a top-level label of two or more letters (or an internationalized one in its
 * {@code xn--} form). Percent-encoded ({@code %40}),
 * entity-encoded and fullwidth forms read as plain ones after normalization. A quoted local part
 * ({@code "alice smith"@example.com}) is taken whole, quotes included.
 */
final class EmailRecognizer implements Recognizer {

    static final int MAX_LOCAL = 64;
    static final int MAX_DOMAIN = 253;
    /** The longest address literal, {@code [IPv6:ffff:...]}. */
    private static final int MAX_LITERAL = 48;
    /**
     * Symbols read as part of a local part: those addresses use in practice. RFC 5322 allows more ({@code / = ? &}
     * ...), but in text and URLs those separate an address from what precedes it ({@code q=alice@...}).
     */
    private static final String LOCAL_SYMBOLS = "._%+-";
    /**
     * Digits written for the letters they resemble ({@code 0} for o, {@code 1} for l, {@code 3} for e, {@code 4} for
     * a, {@code 5} for s, {@code 7} for t), which a top-level label holding a letter may have: {@code example.c0m}.
     */
    private static final String LEET_LETTERS = "013457";

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        int from = 0;
        int at;
        while ((at = t.indexOf('@', from)) >= 0) {
            from = at + 1;
            int s = quotedLocalStart(t, at);
            while (s > 0 && at - s < MAX_LOCAL && localChar(t.charAt(s - 1))) {
                s--;
            }
            while (s < at && t.charAt(s) == '.') {
                s++;
            }
            if (s == at) {
                continue;
            }
            int e = domainEnd(t, at + 1);
            if (e > 0) {
                out.add(new Finding(s, e, Marker.EMAIL));
                from = e;
            }
        }
    }

    /**
     * Start of the quoted local part ending just before {@code at} (its opening quote), or {@code at} when the char
     * before the {@code @} is no quote or no opening quote is found within {@value #MAX_LOCAL} chars.
     */
    private static int quotedLocalStart(String t, int at) {
        if (!Chars.at(t, at - 1, '"')) {
            return at;
        }
        for (int open = at - 3; open >= 0 && at - open <= MAX_LOCAL; open--) {
            if (t.charAt(open) == '"') {
                return open;
            }
        }
        return at;
    }

    /** End of a valid domain starting at {@code start}, or -1; an address literal ({@code [203.0.113.1]}) too. */
    static int domainEnd(String t, int start) {
        if (Chars.at(t, start, '[')) {
            int e = start + 1;
            while (e < t.length() && e - start < MAX_LITERAL && (Chars.asciiAlnum(t.charAt(e))
                    || t.charAt(e) == '.' || t.charAt(e) == ':')) {
                e++;
            }
            return e > start + 1 && Chars.at(t, e, ']') ? e + 1 : -1;
        }
        int e = start;
        while (e < t.length() && e - start < MAX_DOMAIN && domainChar(t.charAt(e))) {
            e++;
        }
        while (e > start && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '-')) {
            e--;
        }
        int dot = e - 1;
        while (dot > start && t.charAt(dot) != '.') {
            dot--;
        }
        if (dot <= start || e - dot - 1 < 2) {
            return -1;
        }
        if (t.startsWith("xn--", dot + 1)) {
            return e; // an internationalized top-level label in its ASCII form (.xn--fiqs8s is .中国)
        }
        boolean letter = false;
        for (int i = dot + 1; i < e; i++) {
            char c = t.charAt(i);
            letter |= Character.isLetter(c);
            if (!Character.isLetter(c) && LEET_LETTERS.indexOf(c) < 0) {
                return -1;
            }
        }
        return letter ? e : -1;
    }

    static boolean localChar(char c) {
        return Character.isLetterOrDigit(c) || LOCAL_SYMBOLS.indexOf(c) >= 0;
    }

    private static boolean domainChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-';
    }
}
