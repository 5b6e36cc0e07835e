package dev.sieve.scrub;

import java.util.List;

/**
 * E-mail addresses written to dodge a plain match: {@code alice dot smith at example dot com},
 * {@code alice [at] example [dot] com}, {@code alice(at)example.com}, {@code alice @ example.com},
 * {@code alice@example dot com}, {@code alice艾特example.com} ({@code 艾特}, "at" as Chinese writes it). The "at" must be
 * bracketed, spaced, an {@code @} or {@code 艾特}, the domain must have at least
 * one "dot" (word or character) and end in a
 * top-level label of two to {@value #MAX_TLD} letters. Each side is read at most {@value #MAX_PARTS} parts far.
 */
final class ObfuscatedEmailRecognizer implements Recognizer {

    private static final int MAX_PARTS = 8;
    private static final int MAX_PART = 64;
    private static final int MAX_TLD = 24;
    private static final String OPEN = "[({<";
    private static final String CLOSE = "])}>";
    /** "At" spelled in Chinese characters; no spaces needed around it, as Chinese writes none. */
    private static final String CHINESE_AT = "艾特";

    @Override
    public void find(Scan scan, List<Finding> out) {
        String t = scan.text();
        // Every match has an "at" spelled out or an @ sign.
        boolean chinese = t.indexOf(CHINESE_AT) >= 0;
        if (t.indexOf('@') < 0 && t.indexOf("at") < 0 && !chinese) {
            return;
        }
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            int atEnd = c == ' ' || c == '@' || OPEN.indexOf(c) >= 0 ? keyword(t, i, "at", true) : -1;
            if (atEnd < 0 && chinese) {
                atEnd = chineseAt(t, i);
            }
            if (atEnd < 0) {
                i++;
                continue;
            }
            int left = leftStart(t, i);
            int right = left < 0 ? -1 : rightEnd(t, atEnd);
            if (right < 0 || (plain(t, i, atEnd) && !hasWord(t, left, right, "dot") && !userName(t, left, i))) {
                i++;
                continue;
            }
            out.add(new Finding(left, right, Marker.EMAIL));
            i = right;
        }
    }

    /**
     * Whether the "at" is a bare word between spaces: "visit us at example.com" is a sentence, so it only counts
     * as an e-mail when a "dot" is also spelled out or the name looks like a user name ({@code alice.smith},
     * {@code zw88}).
     */
    private static boolean plain(String t, int start, int end) {
        if (t.startsWith(CHINESE_AT, Chars.skipSpaces(t, start))) {
            return false;
        }
        for (int k = start; k < end; k++) {
            if (t.charAt(k) == '@' || OPEN.indexOf(t.charAt(k)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the name before a bare "at" looks like a user name rather than a word: it has a digit or symbol. */
    private static boolean userName(String t, int start, int end) {
        for (int k = start; k < end; k++) {
            char c = t.charAt(k);
            if (Chars.digit(c) || c == '.' || c == '_' || c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWord(String t, int start, int end, String word) {
        for (int k = start; k + word.length() <= end; k++) {
            if (t.startsWith(word, k) && Chars.wordStart(t, k) && Chars.wordEnd(t, k + word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Start of the name before {@code end}: parts joined by dots, or -1 when no part ends there. */
    private static int leftStart(String t, int end) {
        int start = -1;
        for (int parts = 0; parts < MAX_PARTS; parts++) {
            int s = end;
            while (s > 0 && end - s < MAX_PART && part(t.charAt(s - 1))) {
                s--;
            }
            if (s == end) {
                break;
            }
            start = s;
            end = separatorBefore(t, s);
            if (end < 0) {
                break;
            }
        }
        return start;
    }

    /** End of the domain after {@code start}: at least two parts joined by dots, the last a top-level label. */
    private static int rightEnd(String t, int start) {
        int end = -1;
        int k = start;
        for (int parts = 0; parts < MAX_PARTS; parts++) {
            int e = k;
            // A label ends where ASCII gives way to other letters: Chinese text runs on after a domain, unspaced.
            while (e < t.length() && e - k < MAX_PART && part(t.charAt(e))
                    && !(e > k && t.charAt(e) >= 0x80 && t.charAt(e - 1) < 0x80)) {
                e++;
            }
            if (e == k) {
                break;
            }
            if (parts > 0 && topLevel(t, k, e)) {
                end = e;
            }
            k = separatorAfter(t, e);
            if (k < 0) {
                break;
            }
        }
        return end;
    }

    private static boolean topLevel(String t, int start, int end) {
        if (end - start < 2 || end - start > MAX_TLD) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Chars.asciiLetter(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** End of a dot written between two parts from {@code i} ({@code .}, {@code  . }, {@code  dot }, {@code [dot]}), or -1. */
    private static int separatorAfter(String t, int i) {
        if (Chars.at(t, i, '.') && i + 1 < t.length() && part(t.charAt(i + 1))) {
            return i + 1;
        }
        int k = Chars.skipSpaces(t, i);
        if (k > i && Chars.at(t, k, '.')) {
            int e = Chars.skipSpaces(t, k + 1);
            return e > k + 1 && e < t.length() && part(t.charAt(e)) ? e : -1;
        }
        return keyword(t, i, "dot", false);
    }

    /** Start of a dot written between two parts ending at {@code end}, or -1. */
    private static int separatorBefore(String t, int end) {
        if (Chars.at(t, end - 1, '.')) {
            return end - 1;
        }
        int k = end;
        int spaces = 0;
        while (k > 0 && t.charAt(k - 1) == ' ' && spaces < Chars.MAX_SPACES) {
            k--;
            spaces++;
        }
        if (spaces > 0 && Chars.at(t, k - 1, '.')) {
            int s = k - 1;
            int before = 0;
            while (s > 0 && t.charAt(s - 1) == ' ' && before < Chars.MAX_SPACES) {
                s--;
                before++;
            }
            return before > 0 ? s : -1;
        }
        int close = k > 0 ? CLOSE.indexOf(t.charAt(k - 1)) : -1;
        int w = close >= 0 ? k - 1 : k;
        while (close >= 0 && w > 0 && t.charAt(w - 1) == ' ' && k - w < Chars.MAX_SPACES + 1) {
            w--;
        }
        if (w < 3 || !t.startsWith("dot", w - 3) || !Chars.wordStart(t, w - 3)) {
            return -1;
        }
        int s = w - 3;
        int before = 0;
        while (s > 0 && t.charAt(s - 1) == ' ' && before < Chars.MAX_SPACES) {
            s--;
            before++;
        }
        if (close >= 0) {
            if (s == 0 || t.charAt(s - 1) != OPEN.charAt(close)) {
                return -1;
            }
            s--;
            while (s > 0 && t.charAt(s - 1) == ' ' && w - s < 2 * Chars.MAX_SPACES + 5) {
                s--;
            }
            return s;
        }
        return spaces > 0 && before > 0 ? s : -1;
    }

    /**
     * End of {@code word} written as a separator from {@code i}: bracketed ({@code [at]}, {@code ( at )}), or
     * between spaces; {@code at} may also be an {@code @} (with spaces, since the plain form is an
     * {@link EmailRecognizer} match). Surrounding spaces are consumed. -1 when there is none.
     */
    private static int keyword(String t, int i, String word, boolean orAtSign) {
        int k = Chars.skipSpaces(t, i);
        boolean spaced = k > i;
        int open = k < t.length() ? OPEN.indexOf(t.charAt(k)) : -1;
        if (open >= 0) {
            k = Chars.skipSpaces(t, k + 1);
        }
        int w;
        boolean atSign = false;
        if (t.startsWith(word, k) && Chars.wordStart(t, k) && Chars.wordEnd(t, k + word.length())) {
            w = k + word.length();
        } else if (orAtSign && Chars.at(t, k, '@')) {
            w = k + 1;
            atSign = true;
        } else {
            return -1;
        }
        int e = Chars.skipSpaces(t, w);
        if (open >= 0) {
            if (!Chars.at(t, e, CLOSE.charAt(open))) {
                return -1;
            }
            return Chars.skipSpaces(t, e + 1);
        }
        return atSign || (spaced && e > w) ? e : -1;
    }

    /** End of {@link #CHINESE_AT} at {@code i}, spaces around it included; -1 when there is none. */
    private static int chineseAt(String t, int i) {
        int k = Chars.skipSpaces(t, i);
        return t.startsWith(CHINESE_AT, k) ? Chars.skipSpaces(t, k + CHINESE_AT.length()) : -1;
    }

    private static boolean part(char c) {
        return Chars.asciiAlnum(c) || c == '_' || c == '+' || c == '-' || (c >= 0x80 && Character.isLetterOrDigit(c));
    }
}
