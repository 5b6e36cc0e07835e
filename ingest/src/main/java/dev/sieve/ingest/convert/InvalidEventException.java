package dev.sieve.ingest.convert;

import dev.sieve.ingest.model.Rejection;

/** An event broke a rule; carries the {@link Rejection}. Expected, so it has no stack trace. */
final class InvalidEventException extends Exception {

    private final transient Rejection rejection;

    InvalidEventException(Rejection rejection) {
        super(rejection.message(), null, false, false);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }
}
