package dev.sieve.streams;

import dev.sieve.schemas.contract.Vocabulary;

/**
 * Why a Streams stage set a record aside. A fixed vocabulary: it is the dead-letter header and a metric tag,
 * so it may never carry data.
 */
public enum DeadLetterReason implements Vocabulary {
    /** The bytes are not a record of the topic's type (corrupt, foreign, or an unknown schema). */
    UNDECODABLE("undecodable"),
    /** The event names a region the policy does not store data in (policy 6.1). */
    UNKNOWN_REGION("unknown_region"),
    /** The event id is blank, so the event's repeats could not be told from it; the collector refuses these. */
    MISSING_EVENT_ID("missing_event_id"),
    /** Processing failed unexpectedly; the detail names the exception type only. */
    PROCESSING_FAILED("processing_failed");

    private final String id;

    DeadLetterReason(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
