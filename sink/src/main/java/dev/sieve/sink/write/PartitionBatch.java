package dev.sieve.sink.write;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A contiguous run of one partition's records, inserted together. One partition belongs to one consumer at a
 * time, so its offsets name the batch deterministically: see {@link DedupToken}.
 */
public record PartitionBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {

    public PartitionBatch {
        Objects.requireNonNull(partition, "partition");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one record");
        }
    }

    public long firstOffset() {
        return records.get(0).offset();
    }

    public long lastOffset() {
        return records.get(records.size() - 1).offset();
    }
}
