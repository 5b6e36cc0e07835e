package dev.sieve.sink.write;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Buffers polled records per partition and says which buffers are batches now. Pure: time comes in as an
 * argument, so tests move it instead of sleeping.
 *
 * <p>A partition with a {@link CommitIntent} left by a crashed predecessor ignores the thresholds: its first
 * batch is exactly the records up to the intent's last offset.
 */
public final class PartitionBuffers {

    private final BatchThresholds thresholds;
    private final Map<TopicPartition, Buffer> buffers = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> intents = new HashMap<>();

    public PartitionBuffers(BatchThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public void add(ConsumerRecord<byte[], byte[]> record, Instant now) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        buffers.computeIfAbsent(tp, p -> new Buffer(now)).add(record);
    }

    /** The partition's first batch must end at {@code lastOffset}. */
    public void expectIntent(TopicPartition partition, long lastOffset) {
        intents.put(partition, lastOffset);
    }

    /** Forgets revoked partitions: their uncommitted records go to the next owner, which replays them. */
    public void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            buffers.remove(tp);
            intents.remove(tp);
        }
    }

    /**
     * Takes the partitions' buffered records back, for a purpose quarantined before they were stored: returns, per
     * partition that had any, the offset of its first buffered record, where it must be read again from. An intent
     * is kept: once the records are read again, the interrupted batch is rebuilt as it was.
     */
    public Map<TopicPartition, Long> unread(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> from = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            Buffer buffer = buffers.remove(tp);
            if (buffer != null) {
                from.put(tp, buffer.records.get(0).offset());
            }
        }
        return from;
    }

    public boolean isEmpty() {
        return buffers.isEmpty();
    }

    /**
     * Removes and returns the batches due now. Each partition's thresholds count on their own, so one table's
     * batch is never held back by another's.
     *
     * @param position the consumer's next offset per partition: an intent whose last record is gone (deleted
     *                 by retention) is complete once the position has passed it
     * @param busy     partitions whose previous batch is still being stored: their next batch waits, so a
     *                 partition's batches are stored and committed in offset order, one at a time
     */
    public List<PartitionBatch> ready(Instant now, ToLongFunction<TopicPartition> position,
            Set<TopicPartition> busy) {
        List<PartitionBatch> out = new ArrayList<>();
        for (var it = buffers.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            TopicPartition tp = e.getKey();
            Buffer buffer = e.getValue();
            if (busy.contains(tp)) {
                continue;
            }
            Long intent = intents.get(tp);
            if (intent != null) {
                if (buffer.lastOffset() >= intent || position.applyAsLong(tp) > intent) {
                    intents.remove(tp);
                    List<ConsumerRecord<byte[], byte[]>> batch = buffer.takeThrough(intent, now);
                    if (!batch.isEmpty()) {
                        out.add(new PartitionBatch(tp, batch));
                    }
                    if (buffer.records.isEmpty()) {
                        it.remove();
                    }
                }
                continue;
            }
            if (buffer.isFull(thresholds)
                    || !Duration.between(buffer.since, now).minus(thresholds.maxAge()).isNegative()) {
                out.add(new PartitionBatch(tp, buffer.records));
                it.remove();
            }
        }
        return out;
    }

    /**
     * The partitions whose buffer has reached the row or byte threshold: reading more of them before their
     * batch can go would only grow the buffer.
     */
    public Set<TopicPartition> full() {
        Set<TopicPartition> out = new HashSet<>();
        buffers.forEach((tp, buffer) -> {
            if (buffer.isFull(thresholds)) {
                out.add(tp);
            }
        });
        return out;
    }

    /**
     * Removes and returns every buffered batch, for a clean shutdown once no batch is being stored. A partition
     * still waiting for the end of an interrupted batch is left out: flushing part of it would change the
     * batch's tokens; its next owner completes it.
     */
    public List<PartitionBatch> drain(Instant now, ToLongFunction<TopicPartition> position) {
        List<PartitionBatch> out = ready(now, position, Set.of());
        for (var e : buffers.entrySet()) {
            if (!intents.containsKey(e.getKey())) {
                out.add(new PartitionBatch(e.getKey(), e.getValue().records));
            }
        }
        buffers.clear();
        intents.clear();
        return out;
    }

    private static final class Buffer {
        private List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        private long bytes;
        private Instant since;

        Buffer(Instant since) {
            this.since = since;
        }

        void add(ConsumerRecord<byte[], byte[]> r) {
            records.add(r);
            bytes += size(r);
        }

        /** Key and value bytes as polled: the writer consumes raw bytes, so this is their exact size. */
        static long size(ConsumerRecord<byte[], byte[]> r) {
            return (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        }

        boolean isFull(BatchThresholds thresholds) {
            return records.size() >= thresholds.maxRows() || bytes >= thresholds.maxBytes();
        }

        long lastOffset() {
            return records.get(records.size() - 1).offset();
        }

        /** Splits off the records up to and including {@code offset}; the rest start a new wait. */
        List<ConsumerRecord<byte[], byte[]>> takeThrough(long offset, Instant now) {
            List<ConsumerRecord<byte[], byte[]>> head = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> tail = new ArrayList<>();
            bytes = 0;
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() <= offset) {
                    head.add(r);
                } else {
                    tail.add(r);
                    bytes += size(r);
                }
            }
            records = tail;
            since = now;
            return head;
        }
    }
}
