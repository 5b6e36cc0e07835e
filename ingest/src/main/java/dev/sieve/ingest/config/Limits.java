package dev.sieve.ingest.config;

/**
 * What the collector reads at most. Requests over the body or batch limit are refused whole (HTTP 413) and
 * written nowhere: the sender still has them. Events over the event or string limit are rejected one by one
 * and go to the dead-letter topic.
 *
 * @param maxBodyBytes      request body, after gzip decompression
 * @param maxEventsPerBatch events in one request
 * @param maxEventBytes     one event's JSON (or one OTLP log record's protobuf form)
 * @param maxStringLength   characters (code points) in one string value
 */
public record Limits(int maxBodyBytes, int maxEventsPerBatch, int maxEventBytes, int maxStringLength) {

    /**
     * Just under Kafka's default largest message (1 MiB, {@code message.max.bytes}), so an unreadable body still
     * fits into a dead-letter record with its headers.
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 1_000_000;
    public static final int DEFAULT_MAX_EVENTS_PER_BATCH = 500;
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_STRING_LENGTH = 8192;

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENTS_PER_BATCH, DEFAULT_MAX_EVENT_BYTES,
                DEFAULT_MAX_STRING_LENGTH);
    }
}
