package dev.sieve.sdk;

/** Who initiated a communication; the collector accepts exactly these names. */
public enum CommunicationDirection {
    OUTGOING,
    INCOMING
}
