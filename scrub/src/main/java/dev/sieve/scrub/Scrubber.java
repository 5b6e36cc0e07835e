package dev.sieve.scrub;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Region;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every {@link Recognizers registered recognizer} over normalized text and replaces the original span of
 * each finding with its marker; overlapping findings merge into one span, replaced by the longest finding's
 * replacement. Cost is linear in the text's length: the normalizer and each recognizer are, and merging sorts
 * at most a bounded number of findings per char.
 *
 * <p>Thread-safe; built once per policy. Its settings are fixed; its only state is what it remembers to save work
 * (an event's prepared identifiers and the URLs scrubbed lately per thread, what libphonenumber found in recent
 * windows).
 */
public final class Scrubber {

    private static final Comparator<Finding> BY_START = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::length).reversed());

    private final Set<String> phoneRegions;
    private final UrlScrubber urls;
    private final ThreadLocal<LastIdentifiers> lastIdentifiers = ThreadLocal.withInitial(LastIdentifiers::new);
    /**
     * What libphonenumber found in each text window it read lately ({@link PhoneRecognizer}): its reading costs tens
     * of microseconds, and one field is scrubbed for several purposes. Holds text the pipeline holds anyway, in
     * memory only, and at most {@link PhoneRecognizer#WINDOWS_KEPT} windows.
     */
    private final Map<String, List<int[]>> phoneWindows = new ConcurrentHashMap<>();

    /**
     * @param phoneRegions ISO 3166-1 alpha-2 regions whose national phone number forms are recognized (numbers in
     *                     international form are recognized whatever the region)
     * @param urlRoutes    route templates by app id, e.g. {@code /account/:user/orders}, that win over the path
     *                     heuristics of {@link #url}
     */
    public Scrubber(Set<String> phoneRegions, Map<String, List<String>> urlRoutes) {
        this.phoneRegions = Set.copyOf(Objects.requireNonNull(phoneRegions, "phoneRegions"));
        this.urls = new UrlScrubber(this, new RouteTemplates(Objects.requireNonNull(urlRoutes, "urlRoutes")));
    }

    /** The scrubber a policy asks for: phone numbers of its regions' countries, its URL route templates. */
    public static Scrubber forPolicy(Policy policy) {
        Set<String> countries = new TreeSet<>();
        for (Region r : policy.regions().values()) {
            countries.add(r.country());
        }
        return new Scrubber(countries, policy.urlRoutes());
    }

    /** {@code text} with every identifying span replaced; null stays null. */
    public String text(String text, KnownIdentifiers known) {
        return text(text, known, false);
    }

    /** @param nested whether the text is part of a text being scrubbed already (see {@link Scan#nested()}) */
    String text(String text, KnownIdentifiers known, boolean nested) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        NormalizedText normalized = NormalizedText.of(text);
        List<Finding> findings = findings(normalized, known, nested);
        return findings.isEmpty() ? text : replace(normalized, findings);
    }

    public String text(String text, Collection<String> known) {
        return text(text, known(known));
    }

    /**
     * {@code url} reduced to scheme, host, port and path, with identifying path segments replaced by a placeholder
     * (or the app's matching route template), credentials, fragment and every query parameter but
     * {@code allowParams} removed, and allow-listed values scrubbed as text; null for anything but an absolute
     * hierarchical URL.
     *
     * @param appId the app the URL was reported by, selecting its route templates; may be null
     */
    public String url(String url, List<String> allowParams, KnownIdentifiers known, String appId) {
        return urls.scrub(url, allowParams, known, appId);
    }

    public String url(String url, List<String> allowParams, Collection<String> known, String appId) {
        return url(url, allowParams, known(known), appId);
    }

    /**
     * The first step of {@link #url}, which does not depend on the allow-list: {@code url} taken apart and its path
     * scrubbed; null for anything but an absolute hierarchical URL.
     */
    public ScrubbedUrl urlBase(String url, KnownIdentifiers known, String appId) {
        return lastIdentifiers.get().urls.base(urls, url, known, appId);
    }

    /**
     * The second step of {@link #url}: {@code url} with only {@code allowParams}, their values scrubbed as text. The
     * URL remembers the last answer, so a URL that {@link #urlBase} remembered is not scrubbed again.
     */
    public String url(ScrubbedUrl url, List<String> allowParams, KnownIdentifiers known) {
        return url.withQuery(allowParams, known, urls);
    }

    /**
     * The prepared form of {@code identifiers}, reused while a thread scrubs fields of events with the same
     * identifiers: every purpose scrubs the same event's fields with them, a device's events come in runs, and
     * preparing them (normalized, with their parts and variants) costs more than scrubbing a short field.
     */
    public KnownIdentifiers known(Collection<String> identifiers) {
        LastIdentifiers last = lastIdentifiers.get();
        if (!last.values.equals(identifiers == null ? List.of() : identifiers)) {
            last.values = identifiers == null ? List.of() : new ArrayList<>(identifiers);
            last.prepared = KnownIdentifiers.of(last.values);
        }
        return last.prepared;
    }

    /**
     * The identifiers a thread prepared last ({@code values} is a private copy, compared by value), and the URLs it
     * scrubbed lately.
     */
    private static final class LastIdentifiers {
        private Collection<String> values = List.of();
        private KnownIdentifiers prepared = KnownIdentifiers.none();
        private final RecentUrls urls = new RecentUrls();
    }

    Set<String> phoneRegions() {
        return phoneRegions;
    }

    Map<String, List<int[]>> phoneWindows() {
        return phoneWindows;
    }

    /** Every finding of every recognizer, in no particular order. */
    List<Finding> findings(NormalizedText text, KnownIdentifiers known, boolean nested) {
        Scan scan = new Scan(text, known, this, nested);
        List<Finding> findings = new ArrayList<>();
        for (Recognizer r : Recognizers.ALL) {
            r.find(scan, findings);
        }
        return findings;
    }

    /**
     * The original text with each group of overlapping findings replaced by the replacement of its longest finding
     * (the first registered among equals: the sort is stable and recognizers add in registration order).
     */
    static String replace(NormalizedText text, List<Finding> findings) {
        findings.sort(BY_START);
        String original = text.original();
        StringBuilder out = new StringBuilder(original.length());
        int copied = 0;
        int i = 0;
        while (i < findings.size()) {
            Finding best = findings.get(i);
            int end = best.end();
            int j = i + 1;
            while (j < findings.size() && findings.get(j).start() < end) {
                Finding f = findings.get(j);
                if (f.length() > best.length()) {
                    best = f;
                }
                end = Math.max(end, f.end());
                j++;
            }
            int from = text.originalStart(findings.get(i).start());
            out.append(original, copied, Math.max(copied, from)).append(best.replacement());
            copied = Math.max(copied, text.originalEnd(end));
            i = j;
        }
        return out.append(original, copied, original.length()).toString();
    }
}
