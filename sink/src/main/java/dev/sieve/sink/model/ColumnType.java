package dev.sieve.sink.model;

/**
 * The ClickHouse types the sink stores, each with its RowBinary encoding decided in
 * {@link dev.sieve.sink.clickhouse.RowBinaryEncoder}. Nullability is a separate flag on {@link Column}: ClickHouse
 * keeps a null mask per nullable column, so columns whose source field is mandatory do without.
 */
public enum ColumnType {
    /** Free text, URLs, raw identifiers and pseudonyms. Pseudonyms vary in length with the key id, so no FixedString. */
    STRING("String"),
    /** Categories, versions and Avro enums: few distinct values, dictionary-encoded. */
    LOW_CARDINALITY_STRING("String"),
    /** Timestamps in milliseconds, always UTC. */
    DATETIME64("DateTime64(3, 'UTC')"),
    INT32("Int32"),
    INT64("Int64"),
    FLOAT32("Float32"),
    FLOAT64("Float64"),
    BOOL("Bool"),
    /** IP addresses and truncated prefixes; IPv4 is stored IPv4-mapped ({@code ::ffff:a.b.c.d}). */
    IPV6("IPv6"),
    /** Lists of strings; ClickHouse arrays cannot be Nullable, so an absent list is stored empty. */
    ARRAY_STRING("Array(String)");

    private final String base;

    ColumnType(String base) {
        this.base = base;
    }

    /** The type as written in DDL, e.g. {@code LowCardinality(Nullable(String))}. */
    public String sql(boolean nullable) {
        String inner = nullable && this != ARRAY_STRING ? "Nullable(" + base + ")" : base;
        return this == LOW_CARDINALITY_STRING ? "LowCardinality(" + inner + ")" : inner;
    }

    /** Whether a null value can be stored; arrays store null as empty. */
    public boolean canBeNull() {
        return this != ARRAY_STRING;
    }
}
