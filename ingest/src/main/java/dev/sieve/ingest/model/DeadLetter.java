package dev.sieve.ingest.model;

import java.util.Objects;

/**
 * Input the collector refused, kept with the reason: nothing is dropped silently.
 *
 * @param original  the bytes as received (one event, or a whole body that could not be split into events)
 * @param rejection why
 * @param appId     the app whose API key sent it
 */
public record DeadLetter(byte[] original, Rejection rejection, String appId) {
    public DeadLetter {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(appId, "appId");
    }
}
