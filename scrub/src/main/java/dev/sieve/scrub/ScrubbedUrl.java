package dev.sieve.scrub;

import java.util.List;

/**
 * A URL taken apart and reduced to scheme, host and scrubbed path, with its raw query kept aside: the part of
 * {@code scrub_url} that does not depend on the allow-list, so purposes that keep different query parameters of
 * the same URL parse and scrub it once ({@link Scrubber#urlBase}, {@link Scrubber#url(ScrubbedUrl, java.util.List,
 * java.util.Collection)}). Holds the raw query, so it lives only as long as the event being processed or the thread's
 * memo of recent URLs ({@link RecentUrls}) holds it; it is one thread's, not thread-safe.
 */
public final class ScrubbedUrl {

    private final String base;
    private final String rawQuery;
    /** The last {@link #withQuery} asked and its answer: one thread's, as the URL is. */
    private List<String> lastAllowParams;
    private KnownIdentifiers lastKnown;
    private String lastWithQuery;

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

    /**
     * This URL with only {@code allowParams} of its query ({@link UrlScrubber#withQuery}), remembered for the last
     * allow-list and identifiers asked (the same instances): a URL remembered across events is asked the same again.
     * An empty allow-list keeps no query and costs nothing to answer, so it is not remembered.
     */
    String withQuery(List<String> allowParams, KnownIdentifiers known, UrlScrubber urls) {
        if (allowParams.isEmpty()) {
            return urls.withQuery(this, allowParams, known);
        }
        if (allowParams != lastAllowParams || known != lastKnown) {
            lastWithQuery = urls.withQuery(this, allowParams, known);
            lastAllowParams = allowParams;
            lastKnown = known;
        }
        return lastWithQuery;
    }

    @Override
    public String toString() {
        return "ScrubbedUrl[" + base + ", query withheld]";
    }
}
