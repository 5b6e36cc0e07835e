package dev.sieve.sink.write;

import java.time.Instant;
import java.util.List;

/**
 * A partition batch decoded and encoded by {@link BatchWriter#prepare}: one insert per store target it routes rows
 * to (regions sharing one ClickHouse share an insert).
 * The batch is stored when every insert has returned; none of them commits anything.
 *
 * @param source  the batch, whose offsets are committed once it is stored
 * @param table   the table its rows go to
 * @param started when its preparation began
 * @param inserts the store inserts (each retrying and dead-lettering by itself), independent of each other
 */
public record PreparedBatch(PartitionBatch source, String table, Instant started, List<Runnable> inserts) {

    public PreparedBatch {
        inserts = List.copyOf(inserts);
    }
}
