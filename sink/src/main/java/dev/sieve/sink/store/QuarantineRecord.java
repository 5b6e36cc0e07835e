package dev.sieve.sink.store;

import java.time.Instant;

/**
 * One row of the quarantine audit trail: the sink applied a quarantine or a release of a purpose in one region.
 *
 * @param purpose    the purpose
 * @param event      {@code quarantined} or {@code released}
 * @param reason     the operator's reason
 * @param changedBy  who asked
 * @param changedAt  when they asked (the control record's time)
 * @param recordedAt when the sink applied it
 * @param grants     what became of the readers' grants: {@code revoked}, {@code granted} or {@code failed}
 * @param detail     why the grants failed, what a release discarded; empty otherwise
 */
public record QuarantineRecord(String purpose, String event, String reason, String changedBy, Instant changedAt,
        Instant recordedAt, String grants, String detail) {}
