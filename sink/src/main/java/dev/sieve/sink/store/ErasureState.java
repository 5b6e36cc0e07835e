package dev.sieve.sink.store;

import java.time.Instant;
import java.util.List;

/**
 * The latest audit event of a request in one region.
 *
 * @param event       {@code requested}, {@code deferred} or {@code completed}
 * @param at          when it was recorded
 * @param tables      tables rows were deleted from (for {@code completed})
 * @param rowsDeleted rows deleted (for {@code completed})
 */
public record ErasureState(String event, Instant at, List<String> tables, long rowsDeleted) {}
