package dev.sieve.sink.quarantine;

import dev.sieve.schemas.control.PartitionOffset;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.port.HeldTopics;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest state of every purpose on {@code sieve.control.quarantine}, as the sink follows the topic: a purpose
 * whose latest record is {@code QUARANTINED} has its topics held, one whose latest record is a discarding release
 * has its partitions start at the offsets the release names. Thread-safe: the topic's follower writes, the writer
 * and the metrics read.
 */
public final class Quarantines implements HeldTopics {

    private static final Logger LOG = LoggerFactory.getLogger(Quarantines.class);

    private final TableCatalog catalog;
    private final TopicSpec<String, PurposeQuarantine> topic;
    private final Map<String, PurposeQuarantine> latest = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public Quarantines(TableCatalog catalog) {
        this.catalog = catalog;
        this.topic = catalog.topics().quarantine();
    }

    /**
     * The topic as the follower reads it: values left encoded, so that one record no reader can decode does not stop
     * the sink from starting or from following the rest ({@link #applyEncoded}).
     */
    public TopicSpec<String, byte[]> encodedTopic() {
        return new TopicSpec<>(topic.name(), topic.keySerde(), Serdes.ByteArray(), true, Optional.empty());
    }

    /**
     * One record as read; one that cannot be decoded is skipped (the purpose keeps its state) and the control loop
     * dead-letters it.
     */
    public void applyEncoded(String purpose, byte[] value) {
        if (value == null) {
            apply(purpose, null);
            return;
        }
        try {
            apply(purpose, topic.valueSerde().deserializer().deserialize(topic.name(), value));
        } catch (SerializationException e) {
            LOG.warn("skipped an undecodable record on {}", topic.name());
        }
    }

    /** One record of the topic, in topic order; a null value (tombstone) forgets the purpose. */
    public void apply(String purpose, PurposeQuarantine value) {
        if (value == null) {
            latest.remove(purpose);
        } else {
            latest.put(purpose, value);
        }
        version.incrementAndGet();
    }

    public boolean quarantined(String purpose) {
        return Optional.ofNullable(latest.get(purpose)).filter(q -> q.getState() == QuarantineState.QUARANTINED)
                .isPresent();
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public boolean held(String topic) {
        return catalog.tableForTopic(topic).filter(t -> quarantined(t.purpose().id())).isPresent();
    }

    @Override
    public OptionalLong discardBefore(TopicPartition partition) {
        return catalog.tableForTopic(partition.topic()).map(t -> latest.get(t.purpose().id()))
                .filter(q -> q.getState() == QuarantineState.RELEASED).stream()
                .flatMap(q -> q.getDiscardBefore().stream())
                .filter(p -> p.getTopic().equals(partition.topic()) && p.getPartition() == partition.partition())
                .mapToLong(PartitionOffset::getOffset).findFirst();
    }
}
