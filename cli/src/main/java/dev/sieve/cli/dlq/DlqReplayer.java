package dev.sieve.cli.dlq;

import dev.sieve.schemas.topic.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Replays one stage's dead letters, each at most once ever, none lost:
 *
 * <ul>
 *   <li>It reads the dead-letter topic from the replay positions ({@link ReplayPositions}) to where the topic
 *       ended when the run began; what the run itself writes there (dead letters that fail again) lies beyond.</li>
 *   <li>Each poll is one step: the step's replays, its new dead letters and the moved positions are committed in
 *       one Kafka transaction. A run that dies mid-step leaves an open transaction that the next run's
 *       {@code initTransactions()} aborts: none of the step's records becomes visible to {@code read_committed}
 *       readers (every Sieve stage reads so) and its positions never moved, so the next run replays the step
 *       again, once.</li>
 *   <li>A dead letter carrying its own topic's {@code sieve.dlq.replayed-from} is the failed replay of another: it
 *       is left, so no record can cycle between a stage and its dead-letter topic.</li>
 *   <li>With a reason filter only that reason's position moves; other reasons' dead letters stay pending.</li>
 * </ul>
 */
final class DlqReplayer {

    static final String FAILED_AFTER_REPLAY = "failed again after its replay (a dead letter is replayed once)";

    private final Stage stage;
    private final String topic;
    private final TopicRangeReader reader;
    private final ReplayPositions positions;
    private final ReplayRoute route;
    private final ReplayOutput output;

    DlqReplayer(Stage stage, String topic, TopicRangeReader reader, ReplayPositions positions, ReplayRoute route,
            ReplayOutput output) {
        this.stage = stage;
        this.topic = topic;
        this.reader = reader;
        this.positions = positions;
        this.route = route;
        this.output = output;
    }

    /** @param reason replay only dead letters of this reason; empty for all */
    ReplayReport replay(Optional<String> reason) {
        List<String> active = reason.map(List::of).orElse(DeadLetterReasons.keys(stage));
        ReplayReport report = new ReplayReport();
        List<TopicPartition> partitions = reader.partitions(topic);
        Map<TopicPartition, Long> ends = reader.ends(partitions);
        for (TopicPartition p : partitions) {
            long end = ends.get(p);
            reader.read(p, positions.lowest(p), end, (records, reached) -> {
                Step step = new Step();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    DeadLetterMetadata meta = DeadLetterMetadata.of(r);
                    String key = DeadLetterReasons.keyOf(stage, meta);
                    if (r.offset() < positions.position(key, p)) {
                        continue; // dealt with by an earlier run
                    }
                    if (!active.contains(key)) {
                        report.skippedByFilter();
                        continue;
                    }
                    step.reasons.add(key);
                    step.add(meta.failedReplayOf(topic) ? new ReplayOutcome.Left(FAILED_AFTER_REPLAY)
                            : route.route(r, topic + ":" + p.partition() + ":" + r.offset()), report);
                }
                for (String key : step.reasons) {
                    positions.advance(key, p, reached);
                }
                if (reached == end) {
                    // Every active reason's dead letters up to the end were seen, whether or not any was there.
                    active.forEach(key -> positions.advance(key, p, end));
                }
                write(step.records, positions.takeUncommitted());
            });
        }
        return report;
    }

    private void write(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> moved) {
        if (records.isEmpty() && moved.isEmpty()) {
            return;
        }
        output.begin();
        try {
            records.forEach(output::send);
            output.commit(moved);
        } catch (RuntimeException e) {
            try {
                output.abort();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /** The records one poll's dead letters come to. */
    private static final class Step {
        final Set<String> reasons = new LinkedHashSet<>();
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

        void add(ReplayOutcome outcome, ReplayReport report) {
            if (outcome instanceof ReplayOutcome.Produce produce) {
                for (ProducerRecord<byte[], byte[]> r : produce.replays()) {
                    records.add(r);
                    report.replayed(r.topic());
                }
                for (ReplayOutcome.FailedAgain f : produce.failedAgain()) {
                    records.add(f.deadLetter());
                    report.failedAgain(f.reason());
                }
            } else if (outcome instanceof ReplayOutcome.Left left) {
                report.left(left.why());
            }
        }
    }
}
