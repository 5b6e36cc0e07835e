package dev.sieve.cli.dlq;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Where replay writes: one Kafka transaction per step, or nowhere for a dry run. */
interface ReplayOutput {

    void begin();

    void send(ProducerRecord<byte[], byte[]> record);

    /** Makes the step's records and the moved replay positions visible together, or neither. */
    void commit(Map<TopicPartition, OffsetAndMetadata> positions);

    /** Gives up the step: none of its records and none of its positions count. */
    void abort();

    /**
     * @param producer a transactional producer whose {@code initTransactions()} has run, fencing any earlier replay
     *                 of the same stage and aborting what it left open
     * @param group    the metadata of the consumer group holding the replay positions, from the consumer that reads
     */
    static ReplayOutput transactional(Producer<byte[], byte[]> producer, ConsumerGroupMetadata group) {
        return new ReplayOutput() {
            @Override
            public void begin() {
                producer.beginTransaction();
            }

            @Override
            public void send(ProducerRecord<byte[], byte[]> record) {
                producer.send(record);
            }

            @Override
            public void commit(Map<TopicPartition, OffsetAndMetadata> positions) {
                if (!positions.isEmpty()) {
                    producer.sendOffsetsToTransaction(positions, group);
                }
                producer.commitTransaction();
            }

            @Override
            public void abort() {
                producer.abortTransaction();
            }
        };
    }

    /** Writes nothing and commits nothing. */
    static ReplayOutput dryRun() {
        return new ReplayOutput() {
            @Override
            public void begin() {
            }

            @Override
            public void send(ProducerRecord<byte[], byte[]> record) {
            }

            @Override
            public void commit(Map<TopicPartition, OffsetAndMetadata> positions) {
            }

            @Override
            public void abort() {
            }
        };
    }
}
