package dev.sieve.scrub;

import java.util.ArrayList;
import java.util.List;

/**
 * API keys by the prefixes their issuers give them ({@code sk_live_}, {@code AKIA}, {@code ghp_}, {@code xoxb-},
 * ...) followed by at least {@value #MIN_BODY} key chars.
 */
final class ApiKeyRecognizer implements Recognizer {

    private static final List<String> PREFIXES = List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_",
            "pk_live_", "pk_test_", "whsec_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
            "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "akia", "asia", "aiza", "npm_", "pypi-", "shpat_",
            "shpss_", "sk-", "hf_", "dop_v1_", "sq0atp-", "sg.");
    private static final int MIN_BODY = 16;
    private static final int SHORTEST_PREFIX = PREFIXES.stream().mapToInt(String::length).min().orElseThrow();
    /** The prefixes by their first char, so a word is compared with a few prefixes at most. */
    private static final List<List<String>> BY_FIRST = new ArrayList<>();

    static {
        for (char c = 0; c < 128; c++) {
            List<String> starting = new ArrayList<>();
            for (String p : PREFIXES) {
                if (p.charAt(0) == c) {
                    starting.add(p);
                }
            }
            BY_FIRST.add(List.copyOf(starting));
        }
    }

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        if (!candidate(scan)) {
            return;
        }
        int i = 0;
        while (i < t.length()) {
            if (!Chars.asciiLetter(t.charAt(i)) || !Chars.wordStart(t, i)) {
                i++;
                continue;
            }
            int end = i;
            for (String p : BY_FIRST.get(t.charAt(i))) {
                if (t.startsWith(p, i)) {
                    int e = i + p.length();
                    while (e < t.length() && keyChar(t.charAt(e))) {
                        e++;
                    }
                    if (e - i - p.length() >= MIN_BODY) {
                        out.add(new Finding(i, e, Marker.CREDENTIAL));
                        end = e;
                    }
                    break;
                }
            }
            i = Math.max(end, i + 1);
            while (i < t.length() && Chars.word(t.charAt(i))) {
                i++;
            }
        }
    }

    /**
     * Whether the text can hold a key: a prefix and its body, and a prefix either ends in {@code _ - .} or is one
     * of the four without.
     */
    private static boolean candidate(Scan scan) {
        if (scan.length() < SHORTEST_PREFIX + MIN_BODY) {
            return false;
        }
        if (scan.has('_') || scan.has('-') || scan.has('.')) {
            return true;
        }
        for (String p : PREFIXES) {
            if (Chars.asciiLetter(p.charAt(p.length() - 1)) && scan.text().contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean keyChar(char c) {
        return Chars.asciiAlnum(c) || c == '_' || c == '-' || c == '.';
    }
}
