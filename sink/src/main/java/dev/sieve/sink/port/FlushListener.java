package dev.sieve.sink.port;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/**
 * Observes the writer between "ClickHouse acknowledged the insert" and "offsets committed". Tests use it to
 * simulate a crash at the worst moment; production uses {@link #NONE}.
 */
public interface FlushListener {

    FlushListener NONE = partitions -> { };

    /**
     * Called once every batch of these partitions is inserted (or dead-lettered) and before their offsets commit;
     * batches of other partitions may still be in flight.
     */
    void insertedNotCommitted(Collection<TopicPartition> partitions);
}
