package dev.sieve.sdk;

/** What a {@code service_log} event records; the collector accepts exactly these names. */
public enum ServiceAction {
    SEARCH,
    VIEW,
    FAILURE
}
