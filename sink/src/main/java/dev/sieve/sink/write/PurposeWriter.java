package dev.sieve.sink.write;

import dev.sieve.sink.port.DeadLetters;
import dev.sieve.sink.port.FlushListener;
import dev.sieve.sink.port.PollHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's main loop: reads the purpose topics as one consumer of the deployment's group, buffers per
 * partition, and for every due batch commits a {@link CommitIntent}, inserts (or dead-letters) every row,
 * waits for the dead letters to be acknowledged and only then commits past the batch. A crash anywhere in
 * between replays the same batch with the same deduplication tokens: no row is lost or stored twice.
 *
 * <p>A {@code ConsumerLoop} over the same consumer runs it until closed (then what is
 * buffered is flushed) or until it fails (then nothing more is committed).
 */
public final class PurposeWriter implements PollHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PurposeWriter.class);
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final PartitionBuffers buffers;
    private final BatchWriter writer;
    private final DeadLetters deadLetters;
    private final FlushListener listener;
    private final Clock clock;
    private final Duration pollTimeout;

    public PurposeWriter(Consumer<byte[], byte[]> consumer, List<String> topics, BatchThresholds thresholds,
            BatchWriter writer, DeadLetters deadLetters, FlushListener listener, Clock clock, Duration pollTimeout) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.buffers = new PartitionBuffers(thresholds);
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.clock = clock;
        this.pollTimeout = pollTimeout;
    }

    @Override
    public void subscribe() {
        consumer.subscribe(topics, new Rebalance());
    }

    @Override
    public void pollOnce() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(pollTimeout)) {
            buffers.add(r, clock.instant());
        }
        flush(buffers.ready(clock.instant(), consumer::position));
    }

    /**
     * A clean stop flushes what is buffered. After a failure nothing more is committed: whatever was not
     * committed is replayed by the next owner.
     */
    @Override
    public void onStop() {
        flushEverything();
    }

    private void flushEverything() {
        flush(buffers.drain(clock.instant(), consumer::position));
    }

    private void flush(List<PartitionBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> intents = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
        for (PartitionBatch b : batches) {
            intents.put(b.partition(), CommitIntent.intent(b));
            done.put(b.partition(), CommitIntent.done(b));
        }
        consumer.commitSync(intents);
        for (PartitionBatch b : batches) {
            writer.write(b);
        }
        deadLetters.flush();
        listener.insertedNotCommitted(done.keySet());
        consumer.commitSync(done);
        LOG.debug("committed {} batches", batches.size());
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            buffers.drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            buffers.drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : consumer.committed(new HashSet<>(partitions))
                    .entrySet()) {
                OptionalLong last = CommitIntent.lastOffset(e.getValue());
                if (last.isPresent()) {
                    LOG.info("partition {} resumes an interrupted batch ending at offset {}", e.getKey(),
                            last.getAsLong());
                    buffers.expectIntent(e.getKey(), last.getAsLong());
                }
            }
        }
    }
}
