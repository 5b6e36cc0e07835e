package dev.sieve.ingest.model;

import dev.sieve.schemas.contract.Vocabulary;

/** The collector's input endpoints, for metric tags. */
public enum Source implements Vocabulary {
    /** {@code POST /v1/events}: JSON batches from the SDK or any HTTP client. */
    EVENTS("events"),
    /** {@code POST /v1/logs}: OTLP/HTTP log records. */
    LOGS("logs");

    private final String id;

    Source(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
