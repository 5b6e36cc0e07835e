package dev.sieve.cli.dlq;

import dev.sieve.cli.CliFailure;
import dev.sieve.schemas.topic.Stage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far replay has come in a stage's dead-letter topic, per reason: in a partition, a reason's position says that
 * every dead letter of that reason below it has been dealt with (replayed, or found not replayable).
 *
 * <p>The positions live in the consumer group {@code sieve-dlq-replay-<stage>}, which replay commits in the same
 * Kafka transaction as the records it produces, so a dead letter counts as replayed exactly when its replay is
 * visible. Per partition, the committed offset is the lowest position of any reason (the group's lag is what some
 * reason still has pending) and its metadata lists the reasons that are further, {@code reason=offset,...}. An
 * offset committed without metadata ({@code kafka-consumer-groups --reset-offsets}) puts every reason there.
 *
 * <p>One position per reason, so that {@code --reason R} replays R's dead letters and leaves every other reason's
 * where it was: a later run still finds them.
 */
final class ReplayPositions {

    private final List<String> keys;
    private final Map<TopicPartition, Map<String, Long>> byPartition;
    private final Set<TopicPartition> uncommitted = new LinkedHashSet<>();

    private ReplayPositions(List<String> keys, Map<TopicPartition, Map<String, Long>> byPartition) {
        this.keys = keys;
        this.byPartition = byPartition;
    }

    /** The consumer group holding the stage's replay positions. */
    static String groupId(Stage stage) {
        return "sieve-dlq-replay-" + stage.id();
    }

    /**
     * Reads the committed positions; {@code requireStable} waits for a transaction still open (a replay that
     * crashed and has not been fenced yet) to be decided instead of reading around it. Reading changes nothing.
     */
    static ReplayPositions load(Admin admin, Stage stage, List<TopicPartition> partitions) {
        String group = groupId(stage);
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(
                    Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                    new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata(group).get();
        } catch (ExecutionException e) {
            throw CliFailure.failed("cannot read the replay positions in consumer group " + group + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted while reading the replay positions");
        }
        List<String> keys = DeadLetterReasons.keys(stage);
        Map<TopicPartition, Map<String, Long>> byPartition = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata om = committed.get(p);
            Map<String, Long> positions = new LinkedHashMap<>();
            for (String key : keys) {
                positions.put(key, om == null ? 0L : om.offset());
            }
            if (om != null && !om.metadata().isEmpty()) {
                for (String entry : om.metadata().split(",")) {
                    String[] kv = entry.split("=", 2);
                    if (kv.length != 2 || !keys.contains(kv[0]) || !kv[1].matches("[0-9]{1,19}")) {
                        throw CliFailure.failed("the replay position of consumer group " + group + " in " + p
                                + " has metadata replay cannot read: '" + om.metadata() + "'");
                    }
                    positions.put(kv[0], Long.parseLong(kv[1]));
                }
            }
            byPartition.put(p, positions);
        }
        return new ReplayPositions(keys, byPartition);
    }

    /** The offset from which dead letters of the reason are still to be dealt with in the partition. */
    long position(String reasonKey, TopicPartition partition) {
        return byPartition.get(partition).get(reasonKey);
    }

    /** The lowest position of any reason in the partition: where reading starts. */
    long lowest(TopicPartition partition) {
        return byPartition.get(partition).values().stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** Moves the reason's position forward (never back) to {@code offset}; committed with {@link #takeUncommitted}. */
    void advance(String reasonKey, TopicPartition partition, long offset) {
        Map<String, Long> positions = byPartition.get(partition);
        if (offset > positions.get(reasonKey)) {
            positions.put(reasonKey, offset);
            uncommitted.add(partition);
        }
    }

    /** The partitions whose positions moved since the last call, as offsets to commit to the group. */
    Map<TopicPartition, OffsetAndMetadata> takeUncommitted() {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        for (TopicPartition p : uncommitted) {
            long lowest = lowest(p);
            StringBuilder further = new StringBuilder();
            for (String key : keys) {
                long position = byPartition.get(p).get(key);
                if (position > lowest) {
                    further.append(further.isEmpty() ? "" : ",").append(key).append('=').append(position);
                }
            }
            out.put(p, new OffsetAndMetadata(lowest, further.toString()));
        }
        uncommitted.clear();
        return out;
    }
}
