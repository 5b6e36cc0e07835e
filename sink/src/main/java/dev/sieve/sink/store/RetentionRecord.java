package dev.sieve.sink.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the retention audit trail.
 *
 * @param table            the table (at most 64 characters of a name the policy lacks)
 * @param outcome          {@code applied} or {@code rejected}
 * @param oldRetention     the table's retention before ({@code 180d}, {@code unknown}); empty when rejected
 * @param newRetention     the retention asked for ({@code 10d})
 * @param topicRetentionMs the purpose topic's new {@code retention.ms}, when applied
 * @param changedBy        who asked
 * @param changedAt        when they asked (the change record's time)
 * @param recordedAt       when the sink recorded it
 * @param detail           the reason given, or why it was rejected
 */
public record RetentionRecord(String table, String outcome, String oldRetention, String newRetention,
        Optional<Long> topicRetentionMs, String changedBy, Instant changedAt, Instant recordedAt, String detail) {}
