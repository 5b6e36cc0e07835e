package dev.sieve.scrub;

import java.util.List;

/** The event's own identifiers and their parts ({@link KnownIdentifiers}), wherever quoted, whatever the case. */
final class KnownIdentifierRecognizer implements Recognizer {

    @Override
    public void find(Scan scan, List<Finding> out) {
        scan.known().find(scan.text(), scan.asciiLow(), scan.asciiHigh(), out);
    }
}
