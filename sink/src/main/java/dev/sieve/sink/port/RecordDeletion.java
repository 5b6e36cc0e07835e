package dev.sieve.sink.port;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Deletes records from Kafka: every record of each partition before the given offset. */
public interface RecordDeletion {

    void deleteBefore(Map<TopicPartition, Long> offsets);
}
