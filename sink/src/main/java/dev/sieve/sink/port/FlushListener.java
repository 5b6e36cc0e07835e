package dev.sieve.sink.port;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/**
 * Observes the writer between "ClickHouse acknowledged the insert" and "offsets committed". Tests use it to
 * simulate a crash at the worst moment; production uses {@link #NONE}.
 */
public interface FlushListener {

    FlushListener NONE = partitions -> { };

    /** Called after every batch of the flush is inserted (or dead-lettered) and before the offsets commit. */
    void insertedNotCommitted(Collection<TopicPartition> partitions);
}
