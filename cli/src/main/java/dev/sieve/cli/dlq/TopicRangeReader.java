package dev.sieve.cli.dlq;

import dev.sieve.cli.CliFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads ranges of a topic's partitions, committed records only ({@code read_committed}), with a consumer that
 * belongs to no group: reading commits nothing and joins nothing, so it leaves no trace in the cluster. A range
 * ends where the partition ended when {@link #ends} was asked, so a reader never sees what was written after it
 * started, its own writes included.
 */
final class TopicRangeReader implements AutoCloseable {

    /** How long a partition may give no record and no progress before reading it fails. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    /** What a reader hands over after each poll. */
    interface Batch {
        /**
         * @param records the records read, all below the range's end, in offset order
         * @param reached the offset up to which the partition has been read (exclusive)
         */
        void accept(List<ConsumerRecord<byte[], byte[]>> records, long reached);
    }

    private final Consumer<byte[], byte[]> consumer;

    TopicRangeReader(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** A consumer of the deployment's Kafka that reads committed records and belongs to no group. */
    static TopicRangeReader connect(Map<String, Object> kafkaClient, String clientId) {
        return connect(kafkaClient, clientId, Optional.empty());
    }

    /**
     * The same, naming the group whose offsets a transactional producer commits for what this reader read
     * ({@link #groupMetadata()}). The consumer still joins nothing and commits nothing itself: it reads assigned
     * partitions.
     */
    static TopicRangeReader connect(Map<String, Object> kafkaClient, String clientId, Optional<String> group) {
        Map<String, Object> p = new HashMap<>(kafkaClient);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        group.ifPresent(g -> p.put(ConsumerConfig.GROUP_ID_CONFIG, g));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A start below what retention kept begins at the oldest record left.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new TopicRangeReader(new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /** For {@code sendOffsetsToTransaction}: the group named at {@link #connect(Map, String, Optional)}. */
    ConsumerGroupMetadata groupMetadata() {
        return consumer.groupMetadata();
    }

    /** The topic's partitions in order; exit 1 when the topic does not exist. */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw CliFailure.failed("topic " + topic + " does not exist; create the topics first: sieve topics apply");
        }
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo i : infos) {
            out.add(new TopicPartition(i.topic(), i.partition()));
        }
        out.sort(Comparator.comparingInt(TopicPartition::partition));
        return out;
    }

    /** The first offset each partition still holds. */
    Map<TopicPartition, Long> beginnings(List<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions);
    }

    /** Where each partition's committed records end now (the last stable offset). */
    Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions);
    }

    /** Reads {@code [from, to)} of the partition, handing over each poll's records. */
    void read(TopicPartition partition, long from, long to, Batch batch) {
        if (from >= to) {
            return;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long reached = from;
        long lastProgress = System.nanoTime();
        while (reached < to) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(partition)) {
                if (r.offset() < to) {
                    records.add(r);
                }
            }
            long position = Math.min(consumer.position(partition), to);
            if (position > reached || !records.isEmpty()) {
                reached = position;
                lastProgress = System.nanoTime();
                batch.accept(records, reached);
            } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                throw CliFailure.failed("could not read " + partition + " up to offset " + to + " within "
                        + STALL_TIMEOUT.toSeconds() + " s (stopped at " + reached + ")");
            }
        }
        consumer.unsubscribe();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
