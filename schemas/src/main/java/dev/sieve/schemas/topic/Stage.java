package dev.sieve.schemas.topic;

/** The pipeline stages; each has its own dead-letter topic. */
public enum Stage {
    INGEST("ingest"),
    ENRICH("enrich"),
    ANONYMIZE("anonymize"),
    SINK("sink");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
