package dev.sieve.cli.dlq;

import dev.sieve.ingest.convert.EventConverter;
import dev.sieve.ingest.convert.LogRecordMapper;
import dev.sieve.ingest.decode.EventBatchParser;
import dev.sieve.ingest.decode.JsonEvent;
import dev.sieve.ingest.decode.OtlpLogsDecoder;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.Rejection;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.contract.Vocabulary;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import java.io.ByteArrayOutputStream;
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
 * Replays the collector's dead letters by judging them again exactly as the collector does, with its own parser
 * ({@link EventBatchParser}), OTLP decoder and mapper and {@link EventConverter} under the collector's current
 * configuration (limits, policy regions, apps): what passes goes to {@code sieve.raw.<family>} as the collector
 * would have written it, with the original receive time (the dead letter's timestamp); what still fails becomes a
 * dead letter again with the new reason and detail, marked as a failed replay, so it stays accounted for and is
 * never replayed again.
 *
 * <p>The dead letter holds what the client sent, in one of three forms, told apart by its reason:
 * <ul>
 *   <li>an event's reason: one event, either the JSON item of a {@code /v1/events} batch, or a one-record OTLP
 *       export request in protobuf from {@code /v1/logs}. The protobuf form always starts with byte {@code 0x0A}
 *       (field 1, {@code resource_logs}); a JSON item never does (the parser cuts it at its first token);</li>
 *   <li>{@code malformed_json}, {@code invalid_batch}: a whole {@code /v1/events} body, judged whole again;</li>
 *   <li>{@code malformed_gzip}, {@code malformed_otlp}: a whole body whose content type or encoding the dead
 *       letter does not record, so it cannot be read again: left where it is.</li>
 * </ul>
 * Dead letters of apps that no longer have an API key are left too: the collector would not take them now (a
 * sunset app among them).
 */
final class CollectorRoute implements ReplayRoute {

    private static final Set<DeadLetterReason> WHOLE_EVENTS_BODY =
            Set.of(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.INVALID_BATCH);
    private static final Set<DeadLetterReason> UNREADABLE_BODY =
            Set.of(DeadLetterReason.MALFORMED_GZIP, DeadLetterReason.MALFORMED_OTLP);
    /** The tag byte of field 1 ({@code resource_logs}, length-delimited) of an OTLP export request. */
    private static final byte OTLP_RESOURCE_LOGS_TAG = 0x0A;
    private static final byte[] BATCH_PREFIX = ("{\"" + EventBatchParser.EVENTS_FIELD + "\":[")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] BATCH_SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);

    // The batch limit bounds requests, not events: a dead-lettered body is judged whole, as the first time.
    private final EventBatchParser parser = new EventBatchParser(Integer.MAX_VALUE);
    private final OtlpLogsDecoder otlp = new OtlpLogsDecoder();
    private final LogRecordMapper mapper = new LogRecordMapper();
    private final EventConverter converter;
    private final Set<String> apps;
    private final Topics topics;
    private final String deadLetterTopic;

    /**
     * @param converter the collector's converter under its current configuration
     * @param apps      the apps that have an API key in the collector's configuration
     */
    CollectorRoute(EventConverter converter, Set<String> apps, Topics topics) {
        this.converter = converter;
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
        if (UNREADABLE_BODY.contains(reason.get())) {
            return new ReplayOutcome.Left("a whole " + reason.get().id() + " body: its encoding is not recorded,"
                    + " so it cannot be read again");
        }
        Judged judged = new Judged(app, deadLetter, mark);
        Instant receivedAt = Instant.ofEpochMilli(deadLetter.timestamp());
        byte[] value = deadLetter.value();
        if (!WHOLE_EVENTS_BODY.contains(reason.get()) && value.length > 0 && value[0] == OTLP_RESOURCE_LOGS_TAG) {
            try {
                for (LogRecordMapper.MappedRecord r : mapper.map(otlp.decode(value, OtlpLogsDecoder.Encoding.PROTOBUF),
                        app)) {
                    EventOutcome o = converter.convert(app, receivedAt, r.wire(), r.original());
                    if (o instanceof EventOutcome.Rejected rejected) {
                        judged.failed(LogRecordMapper.explain(rejected.rejection(), r.location()), r.original());
                    } else {
                        judged.accepted((EventOutcome.Accepted) o);
                    }
                }
            } catch (RequestRefusedException e) {
                judged.refused(e, value);
            }
            return judged.outcome();
        }
        byte[] body = WHOLE_EVENTS_BODY.contains(reason.get()) ? value : asBatch(value);
        try {
            for (JsonEvent e : parser.parse(body)) {
                EventOutcome o = converter.convert(app, receivedAt, e.json(), e.original());
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

    /** One event's JSON as the only item of a batch, so the collector's own parser reads it. */
    private static byte[] asBatch(byte[] item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(item.length + BATCH_PREFIX.length + BATCH_SUFFIX.length);
        out.writeBytes(BATCH_PREFIX);
        out.writeBytes(item);
        out.writeBytes(BATCH_SUFFIX);
        return out.toByteArray();
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
