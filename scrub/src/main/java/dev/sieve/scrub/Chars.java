package dev.sieve.scrub;

/** Character classes the recognizers share, on normalized (lower-case) text. */
final class Chars {

    private Chars() {}

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean hex(char c) {
        return digit(c) || (c >= 'a' && c <= 'f');
    }

    static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean asciiAlnum(char c) {
        return digit(c) || asciiLetter(c);
    }

    /** Letters and digits of any script, and the underscore. */
    static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Whether a word starts at {@code i}: the char before it is no word char. */
    static boolean wordStart(String s, int i) {
        return i == 0 || !word(s.charAt(i - 1));
    }

    /** Whether the word ends before {@code i}: the char at it is no word char. */
    static boolean wordEnd(String s, int i) {
        return i >= s.length() || !word(s.charAt(i));
    }

    static boolean at(String s, int i, char c) {
        return i >= 0 && i < s.length() && s.charAt(i) == c;
    }

    /** The most spaces read between a label and its value ({@code passwd =  x}): enough for people, bounded for cost. */
    static final int MAX_SPACES = 3;

    /** Past at most {@link #MAX_SPACES} spaces starting at {@code i}. */
    static int skipSpaces(String s, int i) {
        int k = i;
        while (k < s.length() && s.charAt(k) == ' ' && k - i < MAX_SPACES) {
            k++;
        }
        return k;
    }

    /** End of the run of ASCII digits starting at {@code i}. */
    static int digitsEnd(String s, int i) {
        while (i < s.length() && digit(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
