package dev.sieve.schemas.topic;

import static dev.sieve.schemas.topic.Stage.ANONYMIZE;
import static dev.sieve.schemas.topic.Stage.ENRICH;
import static dev.sieve.schemas.topic.Stage.INGEST;
import static dev.sieve.schemas.topic.Stage.SINK;

import dev.sieve.schemas.contract.Vocabulary;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Why a stage set input aside: the one vocabulary of the {@value Topics#HEADER_DLQ_REASON} header, the
 * {@code reason} metric tag and the collector's answers, whichever stage wrote it. Each reason names the stages
 * that give it. A fixed vocabulary, so it never carries data; the dead letter's detail says more, never a value.
 */
public enum DeadLetterReason implements Vocabulary {

    // A whole request body the collector could not read.
    /** {@code Content-Encoding: gzip} but the body is not gzip. */
    MALFORMED_GZIP("malformed_gzip", INGEST),
    /** The body is not JSON. */
    MALFORMED_JSON("malformed_json", INGEST),
    /** The body is JSON but not a batch: {@code {"events": [...]}}. */
    INVALID_BATCH("invalid_batch", INGEST),
    /** The body is not an OTLP logs export request. */
    MALFORMED_OTLP("malformed_otlp", INGEST),

    // One event the collector refused.
    /** The event names no family Sieve collects. */
    UNKNOWN_FAMILY("unknown_family", INGEST),
    /** The event has a field its family does not have. */
    UNKNOWN_FIELD("unknown_field", INGEST),
    /** A required field is absent. */
    MISSING_FIELD("missing_field", INGEST),
    /** A field holds the wrong JSON type. */
    WRONG_TYPE("wrong_type", INGEST),
    /** A field has the right type but a value its schema does not allow (enum symbol, timestamp form, range). */
    INVALID_VALUE("invalid_value", INGEST),
    /** The event sets a field only the pipeline may set. */
    PIPELINE_FIELD("pipeline_field", INGEST),
    /** The event names a region the policy does not store data in (policy 6.1). */
    UNKNOWN_REGION("unknown_region", INGEST, ENRICH, ANONYMIZE),
    /** The event's app id is not the app the API key belongs to. */
    WRONG_APP("wrong_app", INGEST),
    /** A string is longer than {@code limits.max-string-length}. */
    STRING_TOO_LONG("string_too_long", INGEST),
    /** The event is larger than {@code limits.max-event-bytes}. */
    EVENT_TOO_LARGE("event_too_large", INGEST),

    // A record a Kafka stage read.
    /** The bytes are not a record of the topic's type (corrupt, foreign, or an unknown schema). */
    UNDECODABLE("undecodable", ENRICH, ANONYMIZE, SINK),
    /** The event id is blank, so its repeats could not be told from it; the collector refuses these. */
    MISSING_EVENT_ID("missing_event_id", ENRICH),
    /** Processing failed unexpectedly; the detail names the exception type only. */
    PROCESSING_FAILED("processing_failed", ENRICH, ANONYMIZE),
    /** A record without a value. */
    EMPTY_VALUE("empty_value", SINK),
    /** No {@code sieve.region} header. */
    REGION_MISSING("region_missing", SINK),
    /** The region has no ClickHouse endpoint configured: never written elsewhere (policy 6.1). */
    REGION_UNROUTABLE("region_unroutable", SINK),
    /** A value cannot be written in the column's type (an IP that is not one, null in a required column). */
    UNENCODABLE("unencodable", SINK),
    /** ClickHouse refused the row; the detail carries its (redacted) error. */
    REJECTED_BY_CLICKHOUSE("rejected_by_clickhouse", SINK),
    /** A retention change for a table the policy does not define, or with a non-positive retention. */
    RETENTION_INVALID("retention_invalid", SINK),
    /** A retention change beyond the policy's {@code max_retention}. */
    RETENTION_ABOVE_MAX("retention_above_max", SINK),
    /** An erasure request naming neither a subject nor a device. */
    ERASURE_INVALID("erasure_invalid", SINK),
    /** A quarantine or release of a purpose the policy does not have. */
    QUARANTINE_INVALID("quarantine_invalid", SINK);

    private final String id;
    private final Set<Stage> stages;

    DeadLetterReason(String id, Stage first, Stage... more) {
        this.id = id;
        this.stages = EnumSet.of(first, more);
    }

    @Override
    public String id() {
        return id;
    }

    /** Whether {@code stage} ever gives this reason. */
    public boolean givenBy(Stage stage) {
        return stages.contains(stage);
    }

    /** The reasons {@code stage} gives, in declaration order. */
    public static List<DeadLetterReason> of(Stage stage) {
        return Arrays.stream(values()).filter(r -> r.givenBy(stage)).toList();
    }
}
