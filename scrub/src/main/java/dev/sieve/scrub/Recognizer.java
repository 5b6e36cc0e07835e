package dev.sieve.scrub;

import java.util.List;

/**
 * Finds one kind of identifying value in normalized text. Implementations scan once (or a bounded number of times)
 * over the text and cap the work spent at any one position, so a recognizer costs time linear in the text's
 * length whatever the text holds; they are stateless and registered in {@link Recognizers}.
 */
interface Recognizer {

    /** Adds a {@link Finding} to {@code out} for each value found in {@code scan}. */
    void find(Scan scan, List<Finding> out);
}
