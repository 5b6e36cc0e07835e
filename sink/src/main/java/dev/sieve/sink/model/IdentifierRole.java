package dev.sieve.sink.model;

/**
 * How a column holds one of the identifiers an erasure request or a legal hold names ({@code subject_id},
 * {@code device_id}). Other columns are {@link #NONE}, whatever their privacy class: erasure and holds find
 * a subject's rows by these columns only.
 */
public enum IdentifierRole {
    NONE,
    /** The identifier as collected (purposes whose identifiers are {@code raw}). */
    RAW,
    /** A purpose-scoped pseudonym of the identifier, {@code <key id>:<base64url HMAC>}. */
    PSEUDONYM
}
