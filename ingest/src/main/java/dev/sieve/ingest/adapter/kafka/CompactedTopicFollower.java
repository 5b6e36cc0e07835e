package dev.sieve.ingest.adapter.kafka;

import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
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
 * key is refused from the first request after a restart. No consumer group: every collector reads everything.
 *
 * @param <V> the topic's value type
 */
public final class CompactedTopicFollower<V> implements AutoCloseable {

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
     * @throws TimeoutException when the topic cannot be read to its end within {@code timeout}, or does not exist
     *                          (create it with {@code sieve topics apply})
     */
    public static <V> CompactedTopicFollower<V> start(KafkaConfig config, TopicSpec<String, V> topic,
            BiConsumer<String, V> onRecord, Duration timeout) throws TimeoutException {
        Map<String, Object> p = new HashMap<>(config.clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sieve-ingest-" + topic.name());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            if (partitions.isEmpty()) {
                throw new TimeoutException("topic " + topic.name() + " does not exist: create it with"
                        + " `sieve topics apply`");
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
        } catch (TimeoutException | RuntimeException e) {
            consumer.close(Duration.ZERO);
            if (e instanceof org.apache.kafka.common.errors.TimeoutException t) {
                throw (TimeoutException) new TimeoutException("could not read " + topic.name() + " within "
                        + timeout.toSeconds() + " s").initCause(t);
            }
            throw e;
        }
        CompactedTopicFollower<V> follower = new CompactedTopicFollower<>(topic, onRecord, consumer);
        follower.thread.start();
        return follower;
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
