package dev.sieve.cli.audit;

import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The latest state of every rights request, read from its compacted topic to the end it has now. */
final class RightsRegister {

    private RightsRegister() {}

    /** Empty when the topic does not exist: {@link TopicAudit} reports a missing topic. */
    static Collection<RightsRequest> read(Map<String, Object> kafkaClient, TopicSpec<String, RightsRequest> topic,
            Duration timeout) {
        Map<String, Object> p = new HashMap<>(kafkaClient);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, RightsRequest> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, RightsRequest> consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("could not read " + topic.name()
                            + " to its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, RightsRequest> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        }
        return latest.values();
    }
}
