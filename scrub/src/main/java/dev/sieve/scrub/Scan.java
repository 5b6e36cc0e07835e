package dev.sieve.scrub;

/**
 * One text being scrubbed: its normalized form, the event's identifiers, the scrubber's settings, and counts of the
 * character classes recognizers need, taken in one pass so that a recognizer whose value cannot occur in the text
 * (a card number in a text of five digits) returns without scanning it.
 */
final class Scan {

    private final NormalizedText text;
    private final KnownIdentifiers known;
    private final Scrubber scrubber;
    private final boolean nested;
    private int digits;
    private int hexDigits;
    private int colons;
    private int dots;
    private int dashes;
    private int longestAlnumRun;
    private int longestHexRun;
    private boolean nonAscii;
    /** Which ASCII chars occur: bit c of {@code asciiLow} for c below 64, bit c - 64 of {@code asciiHigh}. */
    private long asciiLow;
    private long asciiHigh;

    Scan(NormalizedText text, KnownIdentifiers known, Scrubber scrubber, boolean nested) {
        this.text = text;
        this.known = known;
        this.scrubber = scrubber;
        this.nested = nested;
        String t = text.text();
        int run = 0;
        int hexRun = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 64) {
                asciiLow |= 1L << c;
            } else if (c < 128) {
                asciiHigh |= 1L << (c - 64);
            } else {
                nonAscii = true;
            }
            boolean digit = Chars.digit(c);
            boolean hex = Chars.hex(c);
            digits += digit ? 1 : 0;
            hexDigits += hex ? 1 : 0;
            hexRun = hex ? hexRun + 1 : 0;
            longestHexRun = Math.max(longestHexRun, hexRun);
            colons += c == ':' ? 1 : 0;
            dots += c == '.' ? 1 : 0;
            dashes += c == '-' ? 1 : 0;
            run = digit || Chars.asciiLetter(c) ? run + 1 : 0;
            longestAlnumRun = Math.max(longestAlnumRun, run);
        }
    }

    /** How many ASCII digits the normalized text holds (digits of every script are ASCII digits there). */
    int digits() {
        return digits;
    }

    /** How many chars are hex digits ({@code 0-9}, {@code a-f}). */
    int hexDigits() {
        return hexDigits;
    }

    int colons() {
        return colons;
    }

    int dots() {
        return dots;
    }

    int dashes() {
        return dashes;
    }

    /** The longest run of ASCII letters and digits. */
    int longestAlnumRun() {
        return longestAlnumRun;
    }

    /** The longest run of hex digits. */
    int longestHexRun() {
        return longestHexRun;
    }

    /** Whether any char is outside ASCII (Chinese labels and keys, for instance). */
    boolean nonAscii() {
        return nonAscii;
    }

    /** Whether ASCII char {@code c} occurs in the normalized text. */
    boolean has(char c) {
        return c < 64 ? (asciiLow & (1L << c)) != 0 : c < 128 && (asciiHigh & (1L << (c - 64))) != 0;
    }

    /** Which ASCII chars occur in the normalized text, chars below 64 ({@link #asciiHigh()}: 64 to 127). */
    long asciiLow() {
        return asciiLow;
    }

    long asciiHigh() {
        return asciiHigh;
    }

    /**
     * Whether this text is part of a text being scrubbed already: a URL's path or query value, or a run decoded from
     * base64 ({@link Base64TextRecognizer}). A URL or an encoded run quoted in it is then replaced whole instead of
     * scrubbed in turn, so nesting ({@code /r/https://x/r/https://...}, base64 of base64) cannot make the work grow
     * faster than the text.
     */
    boolean nested() {
        return nested;
    }

    /** The normalized text recognizers read. */
    String text() {
        return text.text();
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    /** The original text that normalized {@code [start, end)} came from. */
    String originalSpan(int start, int end) {
        return text.originalSpan(start, end);
    }

    /** Whether normalized char {@code i} was an upper-case letter in the original text. */
    boolean originalUpperCase(int i) {
        int at = text.originalStart(i);
        return at < text.original().length() && Character.isUpperCase(text.original().charAt(at));
    }

    KnownIdentifiers known() {
        return known;
    }

    Scrubber scrubber() {
        return scrubber;
    }
}
