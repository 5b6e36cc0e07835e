package dev.sieve.sink.model;

import dev.sieve.schemas.contract.Vocabulary;

/** Why the sink dead-lettered a record: the fixed vocabulary of the {@code sieve.dlq.reason} header and metric tag. */
public enum DlqReason implements Vocabulary {
    /** The value is not a record of the topic's layout (serde error). */
    UNDECODABLE("undecodable"),
    /** A record without a value. */
    EMPTY_VALUE("empty_value"),
    /** No {@code sieve.region} header. */
    REGION_MISSING("region_missing"),
    /** The region has no ClickHouse endpoint configured: never written elsewhere (policy 6.1). */
    REGION_UNROUTABLE("region_unroutable"),
    /** A value cannot be written in the column's type (an IP that is not one, null in a required column). */
    UNENCODABLE("unencodable"),
    /** ClickHouse refused the row; the detail header carries its (redacted) error. */
    REJECTED_BY_CLICKHOUSE("rejected_by_clickhouse"),
    /** A retention change for a table the policy does not define, or with a non-positive retention. */
    RETENTION_INVALID("retention_invalid"),
    /** A retention change beyond the policy's {@code max_retention}. */
    RETENTION_ABOVE_MAX("retention_above_max"),
    /** An erasure request naming neither a subject nor a device. */
    ERASURE_INVALID("erasure_invalid");

    private final String id;

    DlqReason(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
