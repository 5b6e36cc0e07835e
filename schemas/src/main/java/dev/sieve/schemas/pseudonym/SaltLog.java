package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.control.PeriodSalt;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads the salt topic from its start to its end and returns the live salts by record key; a tombstone removes
 * its key. The consumer must read committed records only ({@code isolation.level=read_committed}): a salt a
 * fenced keeper wrote and could not commit must never be used.
 */
final class SaltLog {

    private static final Duration POLL = Duration.ofMillis(200);

    private SaltLog() {}

    /**
     * @param timeout how long reading to the end may take
     * @throws TimeoutException if the end was not reached in time, or the topic does not exist
     */
    static Map<String, PeriodSalt> readAll(Consumer<String, PeriodSalt> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new TimeoutException("topic " + topic + " does not exist: create it with `sieve topics apply`");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<String, PeriodSalt> live = new HashMap<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("could not read " + topic + " to its end within " + timeout);
            }
            for (ConsumerRecord<String, PeriodSalt> r : consumer.poll(POLL)) {
                if (r.value() == null) {
                    live.remove(r.key());
                } else {
                    live.put(r.key(), r.value());
                }
            }
        }
        return live;
    }
}
