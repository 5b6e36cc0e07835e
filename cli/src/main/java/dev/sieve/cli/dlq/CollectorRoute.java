package dev.sieve.cli.dlq;

import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.Rejection;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.contract.Vocabulary;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Replays the collector's dead letters by judging them again exactly as the collector does, through its
 * {@link EventIntake} under the collector's current configuration (limits, policy regions, apps): what passes goes
 * to {@code sieve.raw.<family>} as the collector would have written it, with the original receive time (the dead
 * letter's timestamp); what still fails becomes a dead letter again with the new reason and detail, marked as a
 * failed replay, so it stays accounted for and is never replayed again.
 *
 * <p>A whole body whose content type or encoding the dead letter does not record cannot be read again and is left
 * where it is ({@link EventIntake#deadLetter} says which). Dead letters of apps that no longer have an API key are
 * left too: the collector would not take them now (a sunset app among them).
 */
final class CollectorRoute implements ReplayRoute {

    private final EventIntake intake;
    private final Set<String> apps;
    private final Topics topics;
    private final String deadLetterTopic;

    /**
     * @param intake the collector's intake under its current configuration, without its batch limit
     * @param apps   the apps that have an API key in the collector's configuration
     */
    CollectorRoute(EventIntake intake, Set<String> apps, Topics topics) {
        this.intake = intake;
        this.apps = Set.copyOf(apps);
        this.topics = topics;
        this.deadLetterTopic = topics.deadLetter(Stage.INGEST).name();
    }

    @Override
    public ReplayOutcome route(ConsumerRecord<byte[], byte[]> deadLetter, String mark) {
        DeadLetterMetadata meta = DeadLetterMetadata.of(deadLetter);
        Optional<DeadLetterReason> reason = meta.reason().flatMap(r -> Vocabulary.parse(DeadLetterReason.class, r));
        if (meta.app().isEmpty() || reason.isEmpty() || deadLetter.value() == null) {
            return new ReplayOutcome.Left("no app id, no collector reason or no value: not a dead letter of the"
                    + " collector");
        }
        String app = meta.app().get();
        if (!apps.contains(app)) {
            return new ReplayOutcome.Left("app " + app + " has no API key in the collector configuration");
        }
        Judged judged = new Judged(app, deadLetter, mark);
        byte[] value = deadLetter.value();
        try {
            Optional<EventIntake.Batch> batch = intake.deadLetter(app, Instant.ofEpochMilli(deadLetter.timestamp()),
                    reason.get(), value);
            if (batch.isEmpty()) {
                return new ReplayOutcome.Left("a whole " + reason.get().id() + " body: its encoding is not recorded,"
                        + " so it cannot be read again");
            }
            for (EventOutcome o : batch.get().judge()) {
                if (o instanceof EventOutcome.Rejected rejected) {
                    judged.failed(rejected.rejection(), rejected.original());
                } else {
                    judged.accepted((EventOutcome.Accepted) o);
                }
            }
        } catch (RequestRefusedException e) {
            judged.refused(e, value);
        }
        return judged.outcome();
    }

    /** What one dead letter's events came to. */
    private final class Judged {
        private final String app;
        private final ConsumerRecord<byte[], byte[]> deadLetter;
        private final String mark;
        private final List<ProducerRecord<byte[], byte[]>> replays = new ArrayList<>();
        private final List<ReplayOutcome.FailedAgain> failedAgain = new ArrayList<>();

        Judged(String app, ConsumerRecord<byte[], byte[]> deadLetter, String mark) {
            this.app = app;
            this.deadLetter = deadLetter;
            this.mark = mark;
        }

        /** As {@code KafkaEventLog} writes an accepted event: the family's raw topic, its key and Avro value. */
        void accepted(EventOutcome.Accepted event) {
            TopicSpec<String, SpecificRecord> topic = topics.raw(event.eventFamily());
            replays.add(new ProducerRecord<>(topic.name(), null, deadLetter.timestamp(),
                    topic.keySerde().serializer().serialize(topic.name(), event.key()),
                    topic.valueSerde().serializer().serialize(topic.name(), event.record())));
        }

        /** As {@code KafkaEventLog} writes a rejected event, plus the mark of the dead letter it replays. */
        void failed(Rejection rejection, byte[] original) {
            RecordHeaders mark = new RecordHeaders();
            mark.add(Topics.HEADER_REPLAYED_FROM, utf8(this.mark));
            DeadLetter letter = new DeadLetter(null, original, mark, rejection.reason(), rejection.message(),
                    Optional.empty(), Optional.of(app));
            failedAgain.add(new ReplayOutcome.FailedAgain(rejection.reason().id(),
                    letter.toRecord(deadLetterTopic, deadLetter.timestamp())));
        }

        /** The whole body is still unreadable. */
        void refused(RequestRefusedException e, byte[] body) {
            RequestRefusedException.DeadLetterBody letter = e.deadLetter().orElseThrow(() -> new IllegalStateException(
                    "only the batch limit refuses a body without a dead letter, and replay sets none"));
            failed(new Rejection(letter.reason(), "", e.getMessage()), body);
        }

        ReplayOutcome outcome() {
            return new ReplayOutcome.Produce(replays, failedAgain);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
