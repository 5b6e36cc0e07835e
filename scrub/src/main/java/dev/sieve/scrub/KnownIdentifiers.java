package dev.sieve.scrub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event's own identifier values in the form recognizers match them: normalized like the text, with the parts
 * that identify on their own — the local part of an e-mail used as an id and the name parts in it, digit runs
 * of {@value #MIN_DIGIT_PART} or more, and parts of {@value #MIN_OPAQUE_PART} chars or more that mix letters and
 * digits ({@code 7f3a9c21} of {@code dev-7f3a9c21}) — and the value with its separators written differently.
 * Values shorter than {@link #MIN_LENGTH} are too common as words to remove by value.
 */
public final class KnownIdentifiers {

    /** Identifier values (and parts) shorter than this are left in the text. */
    public static final int MIN_LENGTH = 4;
    /** A digit run inside an identifier is removed on its own from this length. */
    static final int MIN_DIGIT_PART = 5;
    /** A part mixing letters and digits is removed on its own from this length: no word looks like that. */
    static final int MIN_OPAQUE_PART = 6;

    private static final String SEPARATORS = "-_. ";
    private static final List<String> SEPARATOR_FORMS = List.of("", "-", "_", ".", " ");
    private static final KnownIdentifiers NONE = new KnownIdentifiers(List.of());

    private final List<String> values;
    private final List<int[]> failure;
    /** Per value, the ASCII chars it holds (as {@link Scan#asciiLow()}, {@link Scan#asciiHigh()}). */
    private final long[] asciiLow;
    private final long[] asciiHigh;

    private KnownIdentifiers(List<String> values) {
        this.values = values;
        this.failure = new ArrayList<>(values.size());
        this.asciiLow = new long[values.size()];
        this.asciiHigh = new long[values.size()];
        for (int k = 0; k < values.size(); k++) {
            String v = values.get(k);
            failure.add(failureTable(v));
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < 64) {
                    asciiLow[k] |= 1L << c;
                } else if (c < 128) {
                    asciiHigh[k] |= 1L << (c - 64);
                }
            }
        }
    }

    public static KnownIdentifiers none() {
        return NONE;
    }

    public static KnownIdentifiers of(Collection<String> identifiers) {
        if (identifiers == null || identifiers.isEmpty()) {
            return NONE;
        }
        Set<String> values = new LinkedHashSet<>();
        for (String id : identifiers) {
            if (id == null) {
                continue;
            }
            String v = NormalizedText.of(id.strip()).text();
            add(values, v);
            separatorVariants(v, values);
            partRuns(v, values);
            int at = v.lastIndexOf('@');
            if (at > 0) {
                String local = v.substring(0, at);
                add(values, local);
                nameParts(local, values);
            }
            digitParts(v, values);
        }
        return values.isEmpty() ? NONE : new KnownIdentifiers(List.copyOf(values));
    }

    private static void add(Set<String> values, String v) {
        if (v.length() >= MIN_LENGTH) {
            values.add(v);
        }
    }

    /**
     * The value written with its separators ({@code - _ .} and space) all replaced by one of them or left out, as
     * people retype an id: {@code user-8812} is also {@code user_8812}, {@code user 8812} and {@code user8812}.
     */
    private static void separatorVariants(String v, Set<String> values) {
        if (v.indexOf('@') >= 0) {
            return;
        }
        for (String sep : SEPARATOR_FORMS) {
            StringBuilder variant = new StringBuilder(v.length());
            boolean changed = false;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (SEPARATORS.indexOf(c) >= 0) {
                    variant.append(sep);
                    changed = true;
                } else {
                    variant.append(c);
                }
            }
            if (changed) {
                add(values, variant.toString());
            }
        }
    }

    /**
     * Runs of two or more consecutive parts of a separated id, each also with its separators retyped: of
     * {@code zhang.wei.1988}, {@code zhang.wei} and {@code wei.1988} (and {@code zhang wei}, {@code zhangwei}, …)
     * identify the person as well. Single parts are not taken (a part such as {@code user} of {@code user-8812} is a
     * common word), except where an e-mail's local part or a long digit run makes them identifying on their own.
     */
    private static void partRuns(String v, Set<String> values) {
        if (v.indexOf('@') >= 0) {
            return;
        }
        List<int[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
            if (i == v.length() || SEPARATORS.indexOf(v.charAt(i)) >= 0) {
                if (i > start) {
                    parts.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
        if (parts.size() > 1) { // a value of one part was added whole already
            for (int[] part : parts) {
                String p = v.substring(part[0], part[1]);
                if (p.length() >= MIN_OPAQUE_PART && opaque(p)) {
                    values.add(p);
                }
            }
        }
        for (int from = 0; from < parts.size(); from++) {
            for (int to = from + 1; to < parts.size(); to++) {
                if (from == 0 && to == parts.size() - 1) {
                    continue; // the whole value, added already
                }
                String run = v.substring(parts.get(from)[0], parts.get(to)[1]);
                add(values, run);
                separatorVariants(run, values);
            }
        }
    }

    /** Whether {@code part} mixes letters and digits. */
    private static boolean opaque(String part) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < part.length(); i++) {
            letter |= Character.isLetter(part.charAt(i));
            digit |= Chars.digit(part.charAt(i));
        }
        return letter && digit;
    }

    /** The parts of an e-mail local part between dots, underscores, plus signs and dashes. */
    private static void nameParts(String local, Set<String> values) {
        int start = 0;
        for (int i = 0; i <= local.length(); i++) {
            if (i == local.length() || ".-_+".indexOf(local.charAt(i)) >= 0) {
                add(values, local.substring(start, i));
                start = i + 1;
            }
        }
    }

    private static void digitParts(String v, Set<String> values) {
        for (int i = 0; i < v.length(); ) {
            int end = Chars.digitsEnd(v, i);
            if (end - i >= MIN_DIGIT_PART && end - i < v.length()) {
                values.add(v.substring(i, end));
            }
            i = Math.max(end, i + 1);
        }
    }

    /**
     * Every occurrence of every value in {@code text} (Knuth-Morris-Pratt, linear in the text per value). A value
     * holding an ASCII char the text lacks ({@code textLow}, {@code textHigh}: as {@link Scan#asciiLow()}) cannot
     * occur and is not searched for.
     */
    void find(String text, long textLow, long textHigh, List<Finding> out) {
        for (int k = 0; k < values.size(); k++) {
            if ((asciiLow[k] & ~textLow) != 0 || (asciiHigh[k] & ~textHigh) != 0) {
                continue;
            }
            String v = values.get(k);
            int[] fail = failure.get(k);
            int matched = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                while (matched > 0 && v.charAt(matched) != c) {
                    matched = fail[matched - 1];
                }
                if (v.charAt(matched) == c) {
                    matched++;
                }
                if (matched == v.length()) {
                    out.add(new Finding(i + 1 - v.length(), i + 1, Marker.ID));
                    matched = fail[matched - 1];
                }
            }
        }
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    private static int[] failureTable(String v) {
        int[] fail = new int[v.length()];
        int k = 0;
        for (int i = 1; i < v.length(); i++) {
            while (k > 0 && v.charAt(k) != v.charAt(i)) {
                k = fail[k - 1];
            }
            if (v.charAt(k) == v.charAt(i)) {
                k++;
            }
            fail[i] = k;
        }
        return fail;
    }
}
