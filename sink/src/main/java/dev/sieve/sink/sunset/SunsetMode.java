package dev.sieve.sink.sunset;

/** What a sunset does to an app's rows. */
public enum SunsetMode {
    /** Every row of the app goes. */
    DELETE("delete"),
    /** Every row of the app stays with its identifying values cleared ({@link ClearedColumns}). */
    ANONYMIZE("anonymize");

    private final String id;

    SunsetMode(String id) {
        this.id = id;
    }

    /** The word the audit trail and the report use. */
    public String id() {
        return id;
    }
}
