package dev.sieve.sdk;

/** Kind of communication a {@code communication_log} event records; the collector accepts exactly these names. */
public enum CommunicationChannel {
    CALL,
    MESSAGE,
    VIDEO
}
