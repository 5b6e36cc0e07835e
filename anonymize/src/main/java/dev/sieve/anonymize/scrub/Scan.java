package dev.sieve.anonymize.scrub;

/** One text being scrubbed: its normalized form, the event's identifiers and the scrubber's settings. */
final class Scan {

    private final NormalizedText text;
    private final KnownIdentifiers known;
    private final Scrubber scrubber;
    private final boolean insideUrl;

    Scan(NormalizedText text, KnownIdentifiers known, Scrubber scrubber, boolean insideUrl) {
        this.text = text;
        this.known = known;
        this.scrubber = scrubber;
        this.insideUrl = insideUrl;
    }

    /**
     * Whether this text is part of a URL being scrubbed (its path or a query value): a URL quoted in it is then
     * replaced whole instead of scrubbed in turn, so nesting ({@code /r/https://x/r/https://...}) cannot make the
     * work grow faster than the text.
     */
    boolean insideUrl() {
        return insideUrl;
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
