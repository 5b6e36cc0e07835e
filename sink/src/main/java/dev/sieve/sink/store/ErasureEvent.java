package dev.sieve.sink.store;

import java.time.Instant;
import java.util.List;

/**
 * One row of the erasure audit trail.
 *
 * @param event       {@code requested}, {@code deferred} or {@code completed}
 * @param tables      tables rows were deleted from (for {@code completed})
 * @param rowsDeleted rows deleted (for {@code completed})
 */
public record ErasureEvent(ErasureTask task, String event, Instant at, List<String> tables, long rowsDeleted,
        String detail) {

    public ErasureEvent {
        tables = List.copyOf(tables);
    }
}
