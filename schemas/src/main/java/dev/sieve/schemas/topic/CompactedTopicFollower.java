package dev.sieve.schemas.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted control topic from its beginning and keeps following it, handing every record (a null value
 * is a tombstone) to a callback in topic order per partition. {@link #start} returns only once everything the topic
 * held at that moment was handed over, so a collector never serves with an older view than the topic's: a revoked
 * key is refused from the first request after a restart, and a sink never stores a record of a purpose quarantined
 * before it started. No consumer group: every process reads everything.
 *
 * @param <V> the topic's value type
 */
public final class CompactedTopicFollower<V> implements AutoCloseable {

    /** The topic does not exist: a {@link TimeoutException}, since waiting would not make it appear. */
    public static final class MissingTopicException extends TimeoutException {
        MissingTopicException(String topic) {
            super("topic " + topic + " does not exist: create it with `sieve topics apply`");
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicFollower.class);

    private final TopicSpec<String, V> topic;
    private final BiConsumer<String, V> onRecord;
    private final KafkaConsumer<String, V> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private CompactedTopicFollower(TopicSpec<String, V> topic, BiConsumer<String, V> onRecord,
            KafkaConsumer<String, V> consumer) {
        this.topic = topic;
        this.onRecord = onRecord;
        this.consumer = consumer;
        this.thread = new Thread(this::follow, "follow-" + topic.name());
        this.thread.setDaemon(true);
    }

    /**
     * Reads the topic up to its current end, then follows it on a thread of its own.
     *
     * @param client the Kafka client settings ({@code bootstrap.servers}, TLS, SASL, a client id)
     * @throws TimeoutException when the topic cannot be read to its end within {@code timeout}, or does not exist
     *                          ({@link MissingTopicException}: create it with {@code sieve topics apply})
     */
    public static <V> CompactedTopicFollower<V> start(Map<String, ?> client, TopicSpec<String, V> topic,
            BiConsumer<String, V> onRecord, Duration timeout) throws TimeoutException {
        KafkaConsumer<String, V> consumer = consumer(client, topic);
        try {
            readToEnd(consumer, topic, onRecord, timeout);
        } catch (TimeoutException | RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        CompactedTopicFollower<V> follower = new CompactedTopicFollower<>(topic, onRecord, consumer);
        follower.thread.start();
        return follower;
    }

    /**
     * The latest value of every key the topic holds now (tombstoned keys left out), for a process that reads once.
     *
     * @throws TimeoutException as {@link #start}
     */
    public static <V> Map<String, V> latest(Map<String, ?> client, TopicSpec<String, V> topic, Duration timeout)
            throws TimeoutException {
        Map<String, V> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, V> consumer = consumer(client, topic)) {
            readToEnd(consumer, topic, (k, v) -> {
                if (v == null) {
                    latest.remove(k);
                } else {
                    latest.put(k, v);
                }
            }, timeout);
        }
        return latest;
    }

    private static <V> KafkaConsumer<String, V> consumer(Map<String, ?> client, TopicSpec<String, V> topic) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    private static <V> void readToEnd(KafkaConsumer<String, V> consumer, TopicSpec<String, V> topic,
            BiConsumer<String, V> onRecord, Duration timeout) throws TimeoutException {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            if (partitions.isEmpty()) {
                throw new MissingTopicException(topic.name());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("could not read " + topic.name() + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                consumer.poll(POLL).forEach(r -> onRecord.accept(r.key(), r.value()));
            }
        } catch (org.apache.kafka.common.errors.TimeoutException t) {
            throw (TimeoutException) new TimeoutException("could not read " + topic.name() + " within "
                    + timeout.toSeconds() + " s").initCause(t);
        }
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, V> r : consumer.poll(POLL)) {
                    onRecord.accept(r.key(), r.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            // Only the type: a deserializer's message may quote record bytes.
            LOG.error("stopped following {}: {}", topic.name(), e.getClass().getName());
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
