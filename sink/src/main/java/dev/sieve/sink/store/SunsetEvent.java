package dev.sieve.sink.store;

import java.time.Instant;

/**
 * One row of the sunset audit trail.
 *
 * @param action  {@code delete} or {@code anonymize}
 * @param event   {@code requested}, {@code table}, {@code not_handled} or {@code completed}
 * @param table   the table of a {@code table} or {@code not_handled} event, else empty
 * @param before  the app's rows before
 * @param changed the app's rows deleted or anonymized
 * @param held    the app's rows a legal hold kept
 */
public record SunsetEvent(String sunsetId, String app, String action, String event, String table, long before,
        long changed, long held, String detail, String requestedBy, String reason, Instant at) {}
