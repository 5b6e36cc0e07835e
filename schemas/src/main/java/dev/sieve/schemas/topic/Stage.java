package dev.sieve.schemas.topic;

import dev.sieve.schemas.contract.Vocabulary;

/** The pipeline stages; each has its own dead-letter topic. */
public enum Stage implements Vocabulary {
    INGEST("ingest"),
    ENRICH("enrich"),
    ANONYMIZE("anonymize"),
    SINK("sink");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
