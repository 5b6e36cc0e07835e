package dev.sieve.cli.dlq;

import java.util.Optional;

/**
 * A last check before a record is replayed into a topic whose reader applies no privacy decision of its own
 * (the sink stores what a purpose topic holds).
 */
interface ReplayGuard {

    /** Why the record must not be replayed into the topic, or empty when it may. */
    Optional<String> refuse(String topic, byte[] value);

    /** For topics whose reader decides for itself (the Streams stages apply consent and erasure). */
    static ReplayGuard none() {
        return (topic, value) -> Optional.empty();
    }
}
