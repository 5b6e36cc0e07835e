package dev.sieve.scrub;

/**
 * A span of the normalized text that a recognizer wants replaced.
 *
 * @param start       first normalized char
 * @param end         one past the last normalized char
 * @param replacement what replaces the original span: a {@link Marker}'s text or a scrubbed URL
 */
record Finding(int start, int end, String replacement) {

    Finding(int start, int end, Marker marker) {
        this(start, end, marker.text());
    }

    int length() {
        return end - start;
    }
}
