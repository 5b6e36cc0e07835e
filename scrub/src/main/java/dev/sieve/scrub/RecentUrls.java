package dev.sieve.scrub;

import java.util.Objects;

/**
 * The URLs one thread took apart and scrubbed lately ({@link Scrubber#urlBase}), so a URL that comes back with the same
 * event identifiers and app is scrubbed once: a device sends its events in batches, and the referrer of a session is
 * the same link in each. Direct-mapped like the pseudonyms' memo: a URL has one slot, chosen by its hash, and a newer
 * URL in that slot replaces it, so a look-up is one comparison and a URL that misses costs what it cost without the
 * memo. URLs longer than {@link #LONGEST} are not kept.
 *
 * <p>Holds URLs the pipeline holds anyway, in memory only, at most {@link #SLOTS} of them. One thread's: not
 * thread-safe.
 */
final class RecentUrls {

    static final int SLOTS = 16;
    static final int LONGEST = 512;

    /** A scrubbed URL, or null for text that is no URL, and what it was scrubbed with. */
    private record Entry(String url, KnownIdentifiers known, String appId, ScrubbedUrl scrubbed) {}

    private final Entry[] slots = new Entry[SLOTS];

    /** The memo's entry for {@code url} with the same identifiers (the same instance) and app, or null. */
    Entry find(String url, KnownIdentifiers known, String appId) {
        Entry e = slots[slot(url)];
        return e != null && e.known() == known && e.url().equals(url) && Objects.equals(e.appId(), appId) ? e : null;
    }

    /** {@code url} scrubbed by {@code urls}, or as remembered. */
    ScrubbedUrl base(UrlScrubber urls, String url, KnownIdentifiers known, String appId) {
        if (url == null) {
            return null;
        }
        Entry e = find(url, known, appId);
        if (e != null) {
            return e.scrubbed();
        }
        ScrubbedUrl scrubbed = urls.base(url, known, appId);
        if (url.length() <= LONGEST) {
            slots[slot(url)] = new Entry(url, known, appId, scrubbed);
        }
        return scrubbed;
    }

    private static int slot(String url) {
        int h = url.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
