package dev.sieve.anonymize.action;

import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;

/** The scrubber the shipped default policy asks for, built on first use. */
final class DefaultScrubber {

    static final Scrubber INSTANCE = load();

    private DefaultScrubber() {}

    private static Scrubber load() {
        try {
            return Scrubber.forPolicy(PolicyLoader.loadDefault());
        } catch (PolicyException e) {
            throw new IllegalStateException("the default policy does not load", e);
        }
    }
}
