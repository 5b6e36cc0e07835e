package dev.sieve.scrub;

/**
 * A URL taken apart and reduced to scheme, host and scrubbed path, with its raw query kept aside: the part of
 * {@code scrub_url} that does not depend on the allow-list, so purposes that keep different query parameters of
 * the same URL parse and scrub it once ({@link Scrubber#urlBase}, {@link Scrubber#url(ScrubbedUrl, java.util.List,
 * java.util.Collection)}). Holds the raw query, so it lives only as long as the event being processed.
 */
public final class ScrubbedUrl {

    private final String base;
    private final String rawQuery;

    ScrubbedUrl(String base, String rawQuery) {
        this.base = base;
        this.rawQuery = rawQuery;
    }

    /** Scheme, host and port, and the scrubbed path. */
    String base() {
        return base;
    }

    /** The query as written, or null. */
    String rawQuery() {
        return rawQuery;
    }

    @Override
    public String toString() {
        return "ScrubbedUrl[" + base + ", query withheld]";
    }
}
