package dev.sieve.sink.store;

import dev.sieve.sink.model.TableLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Tables' retention in one region, and the audit trail of its changes. */
public interface RetentionStore {

    /** The retention the table applies now; empty when the table is missing or applies none the sink set. */
    Optional<Duration> current(TableLayout table);

    /** Rows older than the retention go, unless a legal hold covers them; existing rows are re-evaluated. */
    void set(TableLayout table, Duration retention);

    /** Deletes what the retention would have deleted already had no hold kept it: after a hold is lifted. */
    void reapply(TableLayout table);

    void record(RetentionRecord record);

    /** The table's most recently recorded change, applied or rejected. */
    Optional<RetentionRecord> latest(String table);

    /** What was recorded for the change of this table by this author at this time. */
    Optional<RetentionRecord> of(String table, String changedBy, Instant changedAt);
}
