package dev.sieve.cli.sunset;

/** What a sunset does to an app's rows. */
enum SunsetMode {
    /** Every row of the app goes. */
    DELETE("delete"),
    /** Every row of the app stays with its identifying values cleared ({@link ClearedColumns}). */
    ANONYMIZE("anonymize");

    private final String id;

    SunsetMode(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }
}
