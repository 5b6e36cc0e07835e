package dev.sieve.anonymize.action;

import dev.sieve.scrub.Scrubber;
import java.util.Collection;
import java.util.List;

/**
 * {@code scrub_url}: keeps where a link points, not who followed it; see {@link Scrubber#url}. This is the action's
 * entry point for callers without a policy at hand, scrubbing as the shipped default policy asks (its route
 * templates and regions).
 */
public final class ScrubUrl {

    private ScrubUrl() {}

    /**
     * @param appId the app that reported the URL, selecting its route templates; may be null
     */
    public static String apply(String url, List<String> allowParams, Collection<String> knownIdentifiers,
            String appId) {
        return DefaultScrubber.INSTANCE.url(url, allowParams, knownIdentifiers, appId);
    }

    public static String apply(String url, List<String> allowParams, Collection<String> knownIdentifiers) {
        return apply(url, allowParams, knownIdentifiers, null);
    }
}
