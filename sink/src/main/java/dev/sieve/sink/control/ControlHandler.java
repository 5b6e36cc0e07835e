package dev.sieve.sink.control;

import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.port.DeadLetters;
import dev.sieve.sink.port.PollHandler;
import dev.sieve.sink.quarantine.QuarantineChanger;
import dev.sieve.sink.retention.RetentionChanger;
import dev.sieve.sink.store.ErasureTask;
import dev.sieve.sink.subject.Subject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the control topics the sink acts on, {@code sieve.control.retention},
 * {@code sieve.control.erasure-requests} (the requests with the raw identifiers, which expire; the erasure list
 * of keyed hashes is for anonymize) and {@code sieve.control.quarantine} (grants, discarded records and the audit
 * trail; every sink's writer follows that topic on its own), and commits each record once it is fully applied (or
 * dead-lettered). The actions are idempotent, so a record replayed after a crash does no harm: the same TTL is set
 * again, an erasure finds nothing left, a grant is revoked again (only the audit trail records it twice).
 */
public final class ControlHandler implements PollHandler {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** How often due erasure sweeps are looked for; they are days apart, so a minute is prompt enough. */
    static final Duration SWEEP_CHECK_INTERVAL = Duration.ofMinutes(1);

    private final Consumer<byte[], byte[]> consumer;
    private final TopicSpec<String, RetentionChange> retentionTopic;
    private final TopicSpec<String, ErasureRequest> erasureTopic;
    private final TopicSpec<String, PurposeQuarantine> quarantineTopic;
    private final RetentionChanger retention;
    private final Erasure erasure;
    private final QuarantineChanger quarantine;
    private final DeadLetters deadLetters;
    private final SinkMetrics metrics;
    private final Clock clock;
    private Instant nextSweepCheck = Instant.MIN;

    public ControlHandler(Consumer<byte[], byte[]> consumer, TopicSpec<String, RetentionChange> retentionTopic,
            TopicSpec<String, ErasureRequest> erasureTopic, TopicSpec<String, PurposeQuarantine> quarantineTopic,
            RetentionChanger retention, Erasure erasure, QuarantineChanger quarantine, DeadLetters deadLetters,
            SinkMetrics metrics, Clock clock) {
        this.consumer = consumer;
        this.retentionTopic = retentionTopic;
        this.erasureTopic = erasureTopic;
        this.quarantineTopic = quarantineTopic;
        this.retention = retention;
        this.erasure = erasure;
        this.quarantine = quarantine;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void subscribe() {
        consumer.subscribe(List.of(retentionTopic.name(), erasureTopic.name(), quarantineTopic.name()));
    }

    @Override
    public void pollOnce() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL_TIMEOUT)) {
            handle(r);
            deadLetters.flush();
            consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                    new OffsetAndMetadata(r.offset() + 1)));
        }
    }

    /** Due erasure sweeps run between polls, at most once per {@link #SWEEP_CHECK_INTERVAL}. */
    @Override
    public void afterPoll() {
        Instant now = clock.instant();
        if (!now.isBefore(nextSweepCheck)) {
            nextSweepCheck = now.plus(SWEEP_CHECK_INTERVAL);
            erasure.sweepDue();
        }
    }

    void handle(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return; // a compaction tombstone: nothing to apply
        }
        try {
            if (r.topic().equals(retentionTopic.name())) {
                RetentionChange change = retentionTopic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                retention.apply(change).ifPresent(rej -> deadLetter(r, rej.reason(), rej.detail()));
            } else if (r.topic().equals(quarantineTopic.name())) {
                PurposeQuarantine q = quarantineTopic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                quarantine.apply(q).ifPresent(rej -> deadLetter(r, rej.reason(), rej.detail()));
            } else {
                ErasureRequest req = erasureTopic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (req.getSubjectId() == null && req.getDeviceId() == null) {
                    deadLetter(r, DeadLetterReason.ERASURE_INVALID, "erasure request " + req.getRequestId()
                            + " names neither a subject nor a device");
                    return;
                }
                erasure.erase(new ErasureTask(req.getRequestId(), new Subject(
                        Optional.ofNullable(req.getSubjectId()), Optional.ofNullable(req.getDeviceId())),
                        req.getRequestedBy(), req.getRequestedAt()));
            }
        } catch (SerializationException e) {
            deadLetter(r, DeadLetterReason.UNDECODABLE, e.getMessage());
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> r, DeadLetterReason reason, String detail) {
        deadLetters.send(new DeadLetter(r.key(), r.value(), r.headers(), reason, detail, Optional.of(r.topic()),
                Optional.empty()));
        metrics.deadLettered(reason);
    }

}
