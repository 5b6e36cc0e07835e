package dev.sieve.sink.audit;

/** How much a finding matters; {@link #NOTE}s are not drift and do not fail the audit. */
public enum Severity {
    /** The live state keeps, exposes or may re-admit personal data beyond what the policy allows. */
    PRIVACY("privacy"),
    /** The live state differs from the policy in a way that breaks the pipeline or one of its guarantees. */
    ERROR("error"),
    /** Stricter than the policy (a shortened retention, fewer partitions): worth knowing, not drift. */
    NOTE("note");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
