package dev.sieve.schemas.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic as Sieve uses it: its name, how keys and values are encoded and how long it keeps data.
 *
 * @param name       topic name
 * @param keySerde   key encoding
 * @param valueSerde value encoding
 * @param compacted  whether the topic keeps the latest value per key instead of expiring by time
 * @param retention  time-based retention; empty for compacted topics
 * @param tuning     further topic configuration, such as how soon compaction removes an overwritten value
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted,
        Optional<Duration> retention, Map<String, String> tuning) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(retention, "retention");
        tuning = Map.copyOf(tuning);
        if (compacted == retention.isPresent()) {
            throw new IllegalArgumentException("topic " + name + ": a topic is either compacted or has a retention");
        }
    }

    public TopicSpec(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted,
            Optional<Duration> retention) {
        this(name, keySerde, valueSerde, compacted, retention, Map.of());
    }

    /** Topic-level configuration for creating or altering the topic with the admin client. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        retention.ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
        // Kafka deletes whole segments only, once rolled: rolling at least once per retention keeps a record from
        // outliving its retention by more than that (with the broker's 7-day default, a 3-day topic kept 10).
        retention.ifPresent(r -> configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(r.toMillis())));
        new TreeMap<>(tuning).forEach(configs::put);
        return configs;
    }
}
