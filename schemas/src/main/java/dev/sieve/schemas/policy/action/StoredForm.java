package dev.sieve.schemas.policy.action;

/** What an action's rules store of a field, in relation to the value collected. */
public enum StoredForm {
    /** Nothing: the field has no place in the purpose's record. */
    NOTHING,
    /** The value as collected: a raw identifier when the field is one. */
    AS_COLLECTED,
    /** A purpose-scoped pseudonym: it identifies within the purpose, and erasure and holds look for it. */
    PSEUDONYM,
    /** The value with detail removed (a network, an hour, a bucket), which many rows share. */
    COARSENED,
    /** The content with what identifies people removed. */
    SCRUBBED
}
