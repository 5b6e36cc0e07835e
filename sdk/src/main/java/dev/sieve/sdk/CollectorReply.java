package dev.sieve.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of the collector's answer to a batch that the client counts: how many events it accepted and
 * rejected, and the first rejection's message for the log (messages name fields, never values).
 */
record CollectorReply(long accepted, long rejected, Optional<String> firstRejection) {

    /** Reads a 2xx answer; empty when it is not the collector's batch result. */
    static Optional<CollectorReply> parse(String body) {
        try {
            if (!(JsonReader.parse(body) instanceof Map<?, ?> root)
                    || !(root.get("accepted") instanceof Long accepted)
                    || !(root.get("rejected") instanceof Long rejected)) {
                return Optional.empty();
            }
            Optional<String> first = Optional.empty();
            if (root.get("results") instanceof List<?> results) {
                first = results.stream()
                        .filter(r -> r instanceof Map<?, ?> m && "rejected".equals(m.get("status")))
                        .map(r -> String.valueOf(((Map<?, ?>) r).get("message")))
                        .findFirst();
            }
            return Optional.of(new CollectorReply(accepted, rejected, first));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code message} of an error answer (4xx/5xx), if it has one. */
    static Optional<String> errorMessage(String body) {
        try {
            if (JsonReader.parse(body) instanceof Map<?, ?> root && root.get("message") instanceof String m) {
                return Optional.of(m);
            }
        } catch (IllegalArgumentException e) {
            // Not the collector's JSON (a proxy's page, say): nothing to quote.
        }
        return Optional.empty();
    }
}
