package dev.sieve.ingest.model;

import dev.sieve.schemas.contract.Vocabulary;

/**
 * Why the collector refused input: a fixed vocabulary, used in answers, metric tags and the dead-letter
 * header {@code sieve.dlq.reason}. The first four concern a whole request body, the rest one event.
 */
public enum Reason implements Vocabulary {
    /** {@code Content-Encoding: gzip} but the body is not gzip. */
    MALFORMED_GZIP("malformed_gzip"),
    /** The body is not JSON. */
    MALFORMED_JSON("malformed_json"),
    /** The body is JSON but not a batch: {@code {"events": [...]}}. */
    INVALID_BATCH("invalid_batch"),
    /** The body is not an OTLP logs export request. */
    MALFORMED_OTLP("malformed_otlp"),

    /** The event names no family Sieve collects. */
    UNKNOWN_FAMILY("unknown_family"),
    /** The event has a field its family does not have. */
    UNKNOWN_FIELD("unknown_field"),
    /** A required field is absent. */
    MISSING_FIELD("missing_field"),
    /** A field holds the wrong JSON type. */
    WRONG_TYPE("wrong_type"),
    /** A field has the right type but a value its schema does not allow (enum symbol, timestamp form, range). */
    INVALID_VALUE("invalid_value"),
    /** The event sets a field only the pipeline may set. */
    PIPELINE_FIELD("pipeline_field"),
    /** The event's region is not one of the policy's. */
    UNKNOWN_REGION("unknown_region"),
    /** The event's app id is not the app the API key belongs to. */
    WRONG_APP("wrong_app"),
    /** A string is longer than {@code limits.max-string-length}. */
    STRING_TOO_LONG("string_too_long"),
    /** The event is larger than {@code limits.max-event-bytes}. */
    EVENT_TOO_LARGE("event_too_large");

    private final String id;

    Reason(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
