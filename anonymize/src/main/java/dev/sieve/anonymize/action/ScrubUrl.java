package dev.sieve.anonymize.action;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * {@code scrub_url}: keeps where a link points, not who followed it. Drops credentials, the fragment and every
 * query parameter not allow-listed; replaces path segments that identify (numbers of four or more digits,
 * UUIDs, e-mails, tokens, the event's own identifiers) with {@code :id}; scrubs allow-listed values as text.
 * Anything that is not a hierarchical URL (mailto:, data:, plain text) yields null.
 */
public final class ScrubUrl {

    static final String SEGMENT_MARKER = ":id";

    private ScrubUrl() {}

    public static String apply(String url, List<String> allowParams, Collection<String> knownIdentifiers) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        String hostAndPort = hostAndPort(uri);
        if (uri.isOpaque() || uri.getScheme() == null || hostAndPort == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme().toLowerCase(Locale.ROOT)).append("://").append(hostAndPort);
        out.append(path(uri.getRawPath(), knownIdentifiers));
        String query = query(uri.getRawQuery(), allowParams, knownIdentifiers);
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    /**
     * Host and port without credentials. {@link URI#getHost()} is null for non-ASCII (internationalized) host
     * names, so the authority is taken apart by hand then.
     */
    private static String hostAndPort(URI uri) {
        if (uri.getHost() != null) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return hostPort.isEmpty() || hostPort.chars().anyMatch(Character::isWhitespace) ? null : hostPort;
    }

    private static String path(String rawPath, Collection<String> known) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "";
        }
        String[] segments = rawPath.split("/", -1);
        List<String> out = new ArrayList<>();
        for (String raw : segments) {
            String decoded = decode(raw);
            boolean identifying = decoded.chars().filter(Character::isDigit).count() >= 4
                    || ScrubText.wouldChange(decoded, known);
            out.add(identifying ? SEGMENT_MARKER : raw);
        }
        return String.join("/", out);
    }

    private static String query(String rawQuery, List<String> allowParams, Collection<String> known) {
        if (rawQuery == null || allowParams.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!allowParams.contains(name)) {
                continue;
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            String scrubbed = ScrubText.apply(value, known);
            kept.add(eq < 0 ? pair : pair.substring(0, eq) + "=" + URLEncoder.encode(scrubbed, StandardCharsets.UTF_8));
        }
        return String.join("&", kept);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
