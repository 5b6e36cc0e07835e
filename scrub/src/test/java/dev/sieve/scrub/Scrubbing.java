package dev.sieve.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs one recognizer, or all, over a text the way the scrubber does, for recognizer tests. */
final class Scrubbing {

    /** The default policy's regions, no route templates. */
    static final Scrubber CN = new Scrubber(Set.of("CN"), Map.of());

    private Scrubbing() {}

    /** {@code text} with only {@code recognizer}'s findings replaced. */
    static String only(Recognizer recognizer, String text) {
        return only(recognizer, text, List.of());
    }

    static String only(Recognizer recognizer, String text, List<String> known) {
        NormalizedText normalized = NormalizedText.of(text);
        List<Finding> findings = new ArrayList<>();
        recognizer.find(new Scan(normalized, KnownIdentifiers.of(known), CN, false), findings);
        return Scrubber.replace(normalized, findings);
    }

    /** {@code text} through every recognizer. */
    static String all(String text) {
        return CN.text(text, List.of());
    }
}
