package dev.sieve.scrub;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code scrub_url} logic, shared by the action and by URLs quoted in free text: keeps where a link points,
 * not who followed it. Userinfo, fragment and every query parameter not allow-listed disappear; allow-listed
 * values are scrubbed as text; an IP-address host becomes {@code [ip]}; identifying path segments become
 * {@link #PLACEHOLDER}, unless the app's route template matches the whole path.
 */
final class UrlScrubber {

    /** What an identifying path segment becomes when no route template matches. */
    static final String PLACEHOLDER = ":id";

    /** Segments after which the next one names a person or account. */
    private static final Set<String> USER_SEGMENTS = Set.of("account", "accounts", "user", "users", "u", "profile",
            "profiles", "member", "members", "people", "person", "customer", "customers", "author", "authors",
            "contact", "contacts", "friend", "friends", "follower", "followers", "following", "mailbox", "inbox",
            "employee", "employees", "staff", "patient", "patients", "student", "students", "owner", "owners",
            "@", "~");
    /** Segments that follow a user segment yet name a page, not a person. */
    private static final Set<String> PAGE_WORDS = Set.of("me", "self", "settings", "edit", "new", "login", "logout",
            "register", "signup", "signin", "search", "list", "all", "orders", "security", "password", "delete",
            "", "home", "explore", "about", "help", "login.php", "share", "watch", "in", "s", "p", "status");
    /** Hosts whose first path segment is an account: social sites and code hosts. */
    private static final Set<String> ACCOUNT_HOSTS = Set.of("t.me", "twitter.com", "x.com", "github.com",
            "gitlab.com", "instagram.com", "facebook.com", "weibo.com", "weibo.cn", "tiktok.com", "douyin.com",
            "medium.com", "linkedin.com", "youtube.com", "bilibili.com", "zhihu.com", "threads.net", "pinterest.com");
    /** A segment with this many digits is an identifier (order and account numbers, dates of a permalink). */
    private static final int MIN_DIGITS = 4;
    /** A hex segment this long with a digit is an id. */
    private static final int MIN_HEX_ID = 8;
    /** A letters-and-digits segment this long with two of each is a token. */
    private static final int MIN_SEGMENT_TOKEN = 10;

    private final Scrubber scrubber;
    private final RouteTemplates routes;

    UrlScrubber(Scrubber scrubber, RouteTemplates routes) {
        this.scrubber = scrubber;
        this.routes = routes;
    }

    String scrub(String url, List<String> allowParams, KnownIdentifiers known, String appId) {
        ScrubbedUrl base = base(url, known, appId);
        return base == null ? null : withQuery(base, allowParams, known);
    }

    /** {@code url} taken apart, its path scrubbed; null when {@code url} is no absolute hierarchical URL. */
    ScrubbedUrl base(String url, KnownIdentifiers known, String appId) {
        if (url == null) {
            return null;
        }
        UrlParts parts = UrlParts.of(url.strip());
        String hostAndPort = parts == null ? null : hostAndPort(parts);
        if (hostAndPort == null) {
            return null;
        }
        String base = parts.scheme().toLowerCase(Locale.ROOT) + "://" + hostAndPort
                + path(parts.rawPath(), accountHost(hostAndPort), known, appId);
        return new ScrubbedUrl(base, parts.rawQuery());
    }

    /** {@code url} with only the {@code allowParams} of its query, their values scrubbed as text. */
    String withQuery(ScrubbedUrl url, List<String> allowParams, KnownIdentifiers known) {
        String query = query(url.rawQuery(), allowParams, known);
        return query.isEmpty() ? url.base() : url.base() + "?" + query;
    }

    /**
     * Host and port without userinfo. {@link URI} gives no host for non-ASCII (internationalized) host names, so
     * the authority is taken apart by hand then.
     */
    private static String hostAndPort(UrlParts url) {
        String host;
        int port;
        if (url.host() != null) {
            host = url.host().toLowerCase(Locale.ROOT);
            port = url.port();
        } else {
            String authority = url.rawAuthority();
            if (authority == null) {
                return null;
            }
            host = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            port = -1;
            if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
                return null;
            }
        }
        host = isIpAddress(host) ? Marker.IP.text() : Ipv4Recognizer.maskInHost(host);
        return port >= 0 ? host + ":" + port : host;
    }

    private static boolean isIpAddress(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            String bare = host.substring(1, host.length() - 1);
            int zone = bare.indexOf('%');
            return Ipv6Recognizer.valid(zone < 0 ? bare : bare.substring(0, zone));
        }
        return Ipv4Recognizer.addressEnd(host, 0) == host.length() || numericHost(host);
    }

    /**
     * Whether the host is one to four dot-separated numbers, decimal, octal or {@code 0x} hex: browsers read
     * {@code 2130706433} and {@code 0x7f.0.0.1} as IPv4 addresses (the URL standard's IPv4 parser), and no domain
     * name is all numbers.
     */
    private static boolean numericHost(String host) {
        // Every URL's host comes here: one pass, nothing allocated, and most hosts fail on their first char.
        int start = 0;
        for (int part = 0; part < 4; part++) {
            int end = host.indexOf('.', start);
            end = end < 0 ? host.length() : end;
            if (!numericPart(host, start, end)) {
                return false;
            }
            if (end == host.length()) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether {@code [start, end)} is a decimal, octal or {@code 0x} hex number of at most 12 chars. */
    private static boolean numericPart(String host, int start, int end) {
        if (end == start || end - start > 12) {
            return false;
        }
        boolean hex = host.startsWith("0x", start) && end - start > 2;
        for (int k = hex ? start + 2 : start; k < end; k++) {
            if (!(hex ? Chars.hex(host.charAt(k)) : Chars.digit(host.charAt(k)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the host puts an account name first in its paths ({@code t.me/alice}, {@code github.com/alice}). */
    private static boolean accountHost(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon > 0 && hostAndPort.indexOf(']') < colon ? hostAndPort.substring(0, colon) : hostAndPort;
        // The host or a parent domain of it ({@code www.github.com}): one look-up per label, not one per listed host.
        int from = 0;
        while (!ACCOUNT_HOSTS.contains(host.substring(from))) {
            int dot = host.indexOf('.', from);
            if (dot < 0) {
                return false;
            }
            from = dot + 1;
        }
        return true;
    }

    /**
     * @param accountHost whether the first segment names an account (and {@code /in/} precedes one), as on social
     *                    sites
     */
    private String path(String rawPath, boolean accountHost, KnownIdentifiers known, String appId) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "";
        }
        List<Integer> starts = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        List<String> decoded = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= rawPath.length(); i++) {
            if (i == rawPath.length() || rawPath.charAt(i) == '/') {
                String segment = rawPath.substring(start, i);
                starts.add(start);
                raw.add(segment);
                decoded.add(NormalizedText.of(segment).text());
                start = i + 1;
            }
        }
        if (raw.get(0).isEmpty()) {
            String template = routes.match(appId, decoded.subList(1, decoded.size()));
            if (template != null) {
                return template;
            }
        }
        boolean[] identifying = found(rawPath, starts, known);
        StringBuilder out = new StringBuilder(rawPath.length());
        for (int k = 0; k < raw.size(); k++) {
            if (k > 0) {
                out.append('/');
            }
            String previous = k > 0 ? decoded.get(k - 1) : "";
            boolean account = accountHost && (k == 1 || previous.equals("in")) && !PAGE_WORDS.contains(decoded.get(k));
            boolean replace = identifying[k] || account || encodedPieces(decoded.get(k), previous);
            out.append(replace ? PLACEHOLDER : raw.get(k));
        }
        return out.toString();
    }

    /** Which segments (by their start offsets in the raw path) hold something a recognizer finds. */
    private boolean[] found(String rawPath, List<Integer> starts, KnownIdentifiers known) {
        boolean[] identifying = new boolean[starts.size()];
        NormalizedText text = NormalizedText.of(rawPath);
        for (Finding f : scrubber.findings(text, known, true)) {
            int from = segmentAt(starts, text.originalStart(f.start()));
            int to = segmentAt(starts, text.originalEnd(f.end()) - 1);
            for (int k = from; k <= to; k++) {
                identifying[k] = k + 1 < starts.size() ? starts.get(k + 1) - 1 > starts.get(k)
                        : rawPath.length() > starts.get(k);
            }
        }
        return identifying;
    }

    private static int segmentAt(List<Integer> starts, int offset) {
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts.get(mid) <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The shape heuristics for a decoded segment, piece by piece where it held an encoded slash or backslash
     * ({@code u%2Falice_smith} reads as {@code u/alice_smith} to a server that decodes first).
     */
    private static boolean encodedPieces(String segment, String previous) {
        String before = lastPiece(previous);
        int start = 0;
        for (int i = 0; i <= segment.length(); i++) {
            if (i == segment.length() || segment.charAt(i) == '/' || segment.charAt(i) == '\\') {
                String piece = segment.substring(start, i);
                if (identifying(piece, before)) {
                    return true;
                }
                before = piece;
                start = i + 1;
            }
        }
        return false;
    }

    /** The last piece of a decoded segment that held encoded slashes, or the segment. */
    private static String lastPiece(String segment) {
        return segment.substring(Math.max(segment.lastIndexOf('/'), segment.lastIndexOf('\\')) + 1);
    }

    /** The shape heuristics for one decoded, normalized segment no recognizer claimed. */
    private static boolean identifying(String segment, String previous) {
        if (segment.isEmpty()) {
            return false;
        }
        if (USER_SEGMENTS.contains(previous) && !PAGE_WORDS.contains(segment)) {
            return true;
        }
        char first = segment.charAt(0);
        if (first == '@' || first == '~' || segment.indexOf('@') >= 0) {
            return true;
        }
        int digits = 0;
        int letters = 0;
        boolean hex = true;
        int longestAlnum = 0;
        int run = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            digits += Chars.digit(c) ? 1 : 0;
            letters += Chars.asciiLetter(c) ? 1 : 0;
            hex &= Chars.hex(c);
            run = Chars.asciiAlnum(c) ? run + 1 : 0;
            longestAlnum = Math.max(longestAlnum, run);
        }
        return digits >= MIN_DIGITS
                || (hex && segment.length() >= MIN_HEX_ID && digits > 0)
                || (longestAlnum >= MIN_SEGMENT_TOKEN && digits >= 2 && letters >= 2);
    }

    private String query(String rawQuery, List<String> allowParams, KnownIdentifiers known) {
        if (rawQuery == null || allowParams.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= rawQuery.length(); i++) {
            if (i < rawQuery.length() && rawQuery.charAt(i) != '&') {
                continue;
            }
            String pair = rawQuery.substring(start, i);
            start = i + 1;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!allowParams.contains(name)) {
                continue;
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            String scrubbed = scrubber.text(value, known, true);
            kept.add(eq < 0 ? name : URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(scrubbed, StandardCharsets.UTF_8));
        }
        return String.join("&", kept);
    }

    /** A form-encoded name or value ({@code +} is a space), or {@code s} itself when it is no valid encoding. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
