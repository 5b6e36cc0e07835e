package dev.sieve.testsupport.corpus;

import com.ibm.icu.text.SpoofChecker;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Whether a secret survived a scrubber, judged so that a disguise does not count as removal: output and needle are
 * both NFKC-normalized, case-folded, percent-decoded (twice, for double encoding) and stripped of zero-width
 * characters; a needle that is mostly digits (a phone, card or ID number) is compared with every separator removed,
 * so {@code 138-0013-8000} and {@code 138 0013 8000} count as the same number; any other needle is also compared by
 * its confusables skeleton, so {@code аlice} with a Cyrillic {@code а} counts as {@code alice}.
 */
public final class Survival {

    /** Unicode's confusables (UTS #39): a secret written with look-alike letters of other scripts still counts. */
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

    private Survival() {}

    public static boolean survives(String output, String needle) {
        if (output == null) {
            return false;
        }
        String out = normalize(output);
        String secret = normalize(needle);
        if (mostlyDigits(secret)) {
            return alphanumeric(out).contains(alphanumeric(secret));
        }
        return out.contains(secret) || SKELETONS.getSkeleton(out).contains(SKELETONS.getSkeleton(secret));
    }

    static String normalize(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("[\\u200B-\\u200D\\u2060\\uFEFF]", "");
        for (int i = 0; i < 2; i++) {
            n = percentDecode(n);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static boolean mostlyDigits(String s) {
        long digits = s.chars().filter(Character::isDigit).count();
        return digits >= 6 && digits * 2 >= s.length();
    }

    private static String alphanumeric(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }
}
