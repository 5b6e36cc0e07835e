package dev.sieve.cli.dlq;

import dev.sieve.schemas.topic.Stage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a stage's dead letters for {@code sieve dlq inspect}: those still pending replay (at or after their
 * reason's replay position), or every one the topic still holds. Reading changes nothing: no group, no commit.
 */
final class DlqInspector {

    private final TopicRangeReader reader;

    DlqInspector(TopicRangeReader reader) {
        this.reader = reader;
    }

    /**
     * @param pending  the replay positions to read from, or empty for every retained dead letter
     * @param reason   only dead letters of this reason; empty for all
     * @param limit    how many to list with their metadata
     * @param contents whether to keep the listed ones' key and value for printing
     */
    DlqInspection inspect(Stage stage, String topic, Optional<ReplayPositions> pending, Optional<String> reason,
            int limit, boolean contents) {
        DlqInspection inspection = new DlqInspection(topic, pending.isPresent() ? "pending replay"
                : "all the topic still holds", limit, contents);
        List<TopicPartition> partitions = reader.partitions(topic);
        Map<TopicPartition, Long> beginnings = reader.beginnings(partitions);
        Map<TopicPartition, Long> ends = reader.ends(partitions);
        for (TopicPartition p : partitions) {
            long start = Math.max(beginnings.get(p), pending.map(positions -> positions.lowest(p)).orElse(0L));
            reader.read(p, start, ends.get(p), (records, reached) -> {
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    DeadLetterMetadata meta = DeadLetterMetadata.of(r);
                    String key = DeadLetterReasons.keyOf(stage, meta);
                    boolean done = pending.isPresent() && r.offset() < pending.get().position(key, p);
                    if (!done && reason.map(key::equals).orElse(true)) {
                        inspection.add(meta, key, r.key(), r.value());
                    }
                }
            });
        }
        return inspection;
    }
}
