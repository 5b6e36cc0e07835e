package dev.sieve.scrub;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What {@code scrub_url} reads of an absolute hierarchical URL, as {@link URI} reads it: scheme, host (null for an
 * authority {@link URI} does not take for a host name, such as an internationalized one), port (-1 for none), the
 * raw authority, path and query.
 */
record UrlParts(String scheme, String host, int port, String rawAuthority, String rawPath, String rawQuery) {

    /**
     * The parts of {@code url}; null when it is no absolute hierarchical URL. A URL in the plain form nearly all URLs
     * have is taken apart by {@link PlainUrl}, in one pass; anything else by {@link URI}, which decides what is a URL.
     */
    static UrlParts of(String url) {
        UrlParts plain = PlainUrl.parts(url);
        if (plain != null) {
            return plain;
        }
        try {
            return of(new URI(url));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The parts {@code uri} gives; null when it is opaque or relative. */
    static UrlParts of(URI uri) {
        if (uri.isOpaque() || uri.getScheme() == null) {
            return null;
        }
        return new UrlParts(uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawAuthority(), uri.getRawPath(),
                uri.getRawQuery());
    }
}
