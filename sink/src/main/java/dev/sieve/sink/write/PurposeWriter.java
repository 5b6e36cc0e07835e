package dev.sieve.sink.write;

import dev.sieve.sink.port.DeadLetters;
import dev.sieve.sink.port.FlushListener;
import dev.sieve.sink.port.HeldTopics;
import dev.sieve.sink.port.PollHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's main loop: reads the purpose topics as one consumer of the deployment's group, buffers per
 * partition, and for every due batch commits a {@link CommitIntent}, then hands its inserts to the
 * {@link InsertPool}, so batches of different tables and regions are stored at the same time while the loop keeps
 * polling. A batch whose every insert returned (rows stored or dead-lettered) has its dead letters acknowledged
 * and only then its offsets committed past it; a batch whose insert failed is never committed, and the loop
 * stops with that failure once the batches that did succeed are committed. A crash anywhere in between replays
 * the same batches with the same deduplication tokens: no row is lost or stored twice.
 *
 * <p>Ordering: a partition has at most one batch in flight; its next batch starts after the previous one is
 * committed, and while it waits with a full buffer the partition is paused, so memory stays bounded by the
 * thresholds. The consumer is only touched on the loop's thread.
 *
 * <p>Quarantine ({@link HeldTopics}): the partitions of a held topic are paused, and what was buffered of them
 * but not yet stored is given back (the partition is sought to its first buffered record, nothing is committed),
 * so the records wait in Kafka and are read again once the purpose is released. A batch already being stored
 * finishes and is committed. A release that discards the held records moves the partitions, once, to the offsets
 * it names and commits them there, so what was held is never stored.
 *
 * <p>A {@code ConsumerLoop} over the same consumer runs it until closed (then what is in flight is awaited and
 * what is buffered flushed) or until it fails (then nothing more is committed).
 */
public final class PurposeWriter implements PollHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PurposeWriter.class);
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);
    /** While inserts run, poll often enough that a stored batch is committed and its next one started soon. */
    static final Duration IN_FLIGHT_POLL_TIMEOUT = Duration.ofMillis(20);

    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final PartitionBuffers buffers;
    private final BatchWriter writer;
    private final InsertPool inserts;
    private final DeadLetters deadLetters;
    private final FlushListener listener;
    private final Clock clock;
    private final Duration pollTimeout;
    private final Map<TopicPartition, InFlight> inFlight = new LinkedHashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final HeldTopics heldTopics;
    /** The assigned partitions of held topics: paused, nothing of them buffered. */
    private final Set<TopicPartition> held = new HashSet<>();
    private long heldVersion = -1;

    public PurposeWriter(Consumer<byte[], byte[]> consumer, List<String> topics, BatchThresholds thresholds,
            BatchWriter writer, InsertPool inserts, DeadLetters deadLetters, FlushListener listener,
            HeldTopics heldTopics, Clock clock, Duration pollTimeout) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.buffers = new PartitionBuffers(thresholds);
        this.writer = writer;
        this.inserts = inserts;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.heldTopics = heldTopics;
        this.clock = clock;
        this.pollTimeout = pollTimeout;
    }

    @Override
    public void subscribe() {
        consumer.subscribe(topics, new Rebalance());
    }

    @Override
    public void pollOnce() {
        Duration timeout = inFlight.isEmpty() ? pollTimeout : IN_FLIGHT_POLL_TIMEOUT;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            buffers.add(r, clock.instant());
        }
        if (heldTopics.version() != heldVersion) {
            heldVersion = heldTopics.version();
            holdAndRelease(consumer.assignment());
        }
        commitStored(inFlight.keySet());
        Set<TopicPartition> waiting = new HashSet<>(inFlight.keySet());
        waiting.addAll(held);
        start(buffers.ready(clock.instant(), consumer::position, waiting));
        pauseWhileFull();
    }

    /**
     * Holds the partitions of held topics (pausing them and giving back what was buffered), resumes the others that
     * were held, and moves partitions a discarding release left behind to where it says.
     */
    private void holdAndRelease(Collection<TopicPartition> partitions) {
        Set<TopicPartition> hold = new HashSet<>();
        for (TopicPartition tp : partitions) {
            if (heldTopics.held(tp.topic())) {
                hold.add(tp);
            } else {
                discard(tp);
            }
        }
        Set<TopicPartition> release = new HashSet<>(held);
        release.retainAll(partitions);
        release.removeAll(hold);
        hold.removeAll(held);
        if (!hold.isEmpty()) {
            buffers.unread(hold).forEach(consumer::seek);
            consumer.pause(hold);
            held.addAll(hold);
            LOG.info("holding {} partitions of quarantined purposes", hold.size());
        }
        if (!release.isEmpty()) {
            held.removeAll(release);
            paused.removeAll(release);
            consumer.resume(release);
            LOG.info("resuming {} partitions of released purposes", release.size());
        }
    }

    /**
     * Moves the partition to where a discarding release said its stored records start, and commits it there, when
     * it is still before: the records in between are never stored. Whatever of them is being stored is awaited and
     * committed first, so that commit cannot move the partition back.
     */
    private void discard(TopicPartition tp) {
        OptionalLong from = heldTopics.discardBefore(tp);
        if (from.isEmpty() || consumer.position(tp) >= from.getAsLong()) {
            return;
        }
        awaitAndCommit(List.of(tp));
        buffers.drop(List.of(tp));
        consumer.seek(tp, from.getAsLong());
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(from.getAsLong(), "")));
        LOG.info("partition {} skips the records a release discarded, up to offset {}", tp, from.getAsLong());
    }

    /**
     * A clean stop waits for the batches in flight, commits them, then stores and commits what is buffered.
     * After a failure nothing more is committed: whatever was not committed is replayed by the next owner.
     */
    @Override
    public void onStop() {
        awaitAndCommit(inFlight.keySet());
        start(buffers.drain(clock.instant(), consumer::position));
        awaitAndCommit(inFlight.keySet());
    }

    /** Commits intents for the batches, then starts storing them; each partition has none in flight. */
    private void start(List<PartitionBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> intents = new LinkedHashMap<>();
        for (PartitionBatch b : batches) {
            intents.put(b.partition(), CommitIntent.intent(b));
        }
        consumer.commitSync(intents);
        for (PartitionBatch b : batches) {
            PreparedBatch prepared = writer.prepare(b);
            inFlight.put(b.partition(), new InFlight(prepared, inserts.runAll(prepared.inserts())
                    .thenRun(() -> writer.stored(prepared))));
        }
    }

    private void awaitAndCommit(Collection<TopicPartition> partitions) {
        List<CompletableFuture<Void>> waiting = partitions.stream().map(inFlight::get).filter(Objects::nonNull)
                .map(InFlight::stored).toList();
        // Wait for every one, failed or not, so what succeeded is still committed.
        CompletableFuture.allOf(waiting.stream().map(f -> f.exceptionally(e -> null))
                .toArray(CompletableFuture[]::new)).join();
        commitStored(partitions);
    }

    /**
     * Commits past every finished batch among the partitions whose inserts all succeeded, once their dead letters
     * are acknowledged.
     *
     * @throws RuntimeException the failure of a finished batch, after the others are committed; its offsets are not
     */
    private void commitStored(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (TopicPartition tp : List.copyOf(partitions)) {
            InFlight f = inFlight.get(tp);
            if (f == null || !f.stored().isDone()) {
                continue;
            }
            inFlight.remove(tp);
            try {
                f.stored().join();
                done.put(tp, CommitIntent.done(f.batch().source()));
            } catch (CompletionException | CancellationException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }
        if (!done.isEmpty()) {
            deadLetters.flush();
            listener.insertedNotCommitted(done.keySet());
            consumer.commitSync(done);
            LOG.debug("committed {} batches", done.size());
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Pauses partitions that cannot start their next batch yet and have a batch's worth buffered. */
    private void pauseWhileFull() {
        Set<TopicPartition> wait = new HashSet<>(buffers.full());
        wait.retainAll(inFlight.keySet());
        Set<TopicPartition> resume = new HashSet<>(paused);
        resume.removeAll(wait);
        resume.removeAll(held);
        wait.removeAll(paused);
        if (!resume.isEmpty()) {
            consumer.resume(resume);
            paused.removeAll(resume);
        }
        if (!wait.isEmpty()) {
            consumer.pause(wait);
            paused.addAll(wait);
        }
    }

    /** A batch being stored. */
    private record InFlight(PreparedBatch batch, CompletableFuture<Void> stored) {}

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            buffers.drop(partitions);
            paused.removeAll(partitions);
            held.removeAll(partitions);
            // Still the owner: finish and commit what is in flight, so the next owner starts after it.
            awaitAndCommit(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            buffers.drop(partitions);
            paused.removeAll(partitions);
            held.removeAll(partitions);
            // No longer the owner, so nothing may be committed: the next owner replays the batch under its intent,
            // and the tokens drop whatever of it these inserts stored.
            inFlight.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : consumer.committed(new HashSet<>(partitions))
                    .entrySet()) {
                OptionalLong last = CommitIntent.lastOffset(e.getValue());
                if (last.isPresent()) {
                    LOG.info("partition {} resumes an interrupted batch ending at offset {}", e.getKey(),
                            last.getAsLong());
                    buffers.expectIntent(e.getKey(), last.getAsLong());
                }
            }
            // Before this poll returns any of their records: a quarantined purpose's partitions are held from the
            // start, and a discarding release's are moved past what it discarded.
            holdAndRelease(partitions);
        }
    }
}
