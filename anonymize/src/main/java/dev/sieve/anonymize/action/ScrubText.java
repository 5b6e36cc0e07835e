package dev.sieve.anonymize.action;

import dev.sieve.scrub.Marker;
import dev.sieve.scrub.Scrubber;
import java.util.Collection;

/**
 * {@code scrub_text}: removes what identifies people from free text such as search strings and failure messages,
 * leaving a {@link Marker} that says what was there. The work is done by the recognizers of
 * {@link dev.sieve.scrub}; this is the action's entry point for callers without a policy at hand, scrubbing
 * as the shipped default policy asks (its regions' phone numbers).
 */
public final class ScrubText {

    private ScrubText() {}

    /**
     * @param text             free text, or null
     * @param knownIdentifiers the event's own identifier values, removed wherever they occur (case-insensitive)
     */
    public static String apply(String text, Collection<String> knownIdentifiers) {
        return DefaultScrubber.INSTANCE.text(text, knownIdentifiers);
    }
}
