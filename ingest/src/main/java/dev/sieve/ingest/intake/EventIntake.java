package dev.sieve.ingest.intake;

import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.convert.EventConverter;
import dev.sieve.ingest.convert.LogRecordMapper;
import dev.sieve.ingest.decode.EventBatchParser;
import dev.sieve.ingest.decode.JsonEvent;
import dev.sieve.ingest.decode.OtlpLogsDecoder;
import dev.sieve.ingest.decode.OtlpLogsDecoder.Encoding;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.topic.DeadLetterReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How the collector judges what a client sent, the one place its steps are chained: a {@code /v1/events} JSON
 * batch is parsed ({@link EventBatchParser}) and each event converted ({@link EventConverter}); an OTLP logs
 * export request is decoded, each log record mapped to a {@code service_log} event ({@link LogRecordMapper}) and
 * converted, a rejection located at its record. Both HTTP endpoints judge through it, and so does the replay of
 * the collector's dead letters ({@link #deadLetter}), so a replayed event passes or fails exactly as it would at
 * the collector now, with the same reasons and messages.
 *
 * <p>Reading is apart from judging ({@link Batch}): an endpoint counts a request's events against the app's
 * allowance before any is converted. Nothing here writes; the caller delivers the outcomes.
 */
public final class EventIntake {

    /** A dead letter's whole {@code /v1/events} body, judged whole again. */
    private static final Set<DeadLetterReason> WHOLE_EVENTS_BODY =
            Set.of(DeadLetterReason.MALFORMED_JSON, DeadLetterReason.INVALID_BATCH);
    /** A dead letter's whole body whose content type or encoding the dead letter does not record. */
    private static final Set<DeadLetterReason> UNREADABLE_BODY =
            Set.of(DeadLetterReason.MALFORMED_GZIP, DeadLetterReason.MALFORMED_OTLP);
    /** The tag byte of field 1 ({@code resource_logs}, length-delimited) of an OTLP export request. */
    private static final byte OTLP_RESOURCE_LOGS_TAG = 0x0A;
    private static final byte[] BATCH_PREFIX = ("{\"" + EventBatchParser.EVENTS_FIELD + "\":[")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] BATCH_SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);

    private final EventBatchParser parser;
    private final OtlpLogsDecoder otlp = new OtlpLogsDecoder();
    private final LogRecordMapper mapper = new LogRecordMapper();
    private final EventConverter converter;
    private final int maxEventsPerBatch;

    /**
     * The collector's intake under its policy (regions) and limits.
     *
     * @throws IllegalStateException if an event family uses an Avro type the converter cannot read
     */
    public EventIntake(Policy policy, Limits limits) {
        this(new EventConverter(policy, limits), limits.maxEventsPerBatch());
    }

    private EventIntake(EventConverter converter, int maxEventsPerBatch) {
        this.parser = new EventBatchParser(maxEventsPerBatch);
        this.converter = converter;
        this.maxEventsPerBatch = maxEventsPerBatch;
    }

    /**
     * The intake for dead letters: every limit as configured but the batch limit, which bounds requests, not
     * events; a dead-lettered body is judged whole, as the first time.
     */
    public static EventIntake withoutBatchLimit(Policy policy, Limits limits) {
        return new EventIntake(new EventConverter(policy, limits), Integer.MAX_VALUE);
    }

    /**
     * Reads a {@code /v1/events} body: {@code {"events": [{"family": ..., "event": {...}}, ...]}}.
     *
     * @throws RequestRefusedException when the body is not such a batch (400, with the body for the dead-letter
     *                                 topic) or holds more events than the batch limit (413)
     */
    public Batch events(String appId, Instant receivedAt, byte[] body) throws RequestRefusedException {
        List<JsonEvent> events = parser.parse(body);
        return new Batch(events.size(), () -> {
            List<EventOutcome> outcomes = new ArrayList<>(events.size());
            for (JsonEvent e : events) {
                outcomes.add(converter.convert(appId, receivedAt, e.json(), e.original()));
            }
            return outcomes;
        });
    }

    /**
     * Reads a {@code /v1/logs} body, an OTLP {@code ExportLogsServiceRequest} in {@code encoding}; each log record
     * is one {@code service_log} event, and a rejection's message says which record.
     *
     * @throws RequestRefusedException when the body is not such a request (400, with the body for the dead-letter
     *                                 topic) or holds more log records than the batch limit (413)
     */
    public Batch logs(String appId, Instant receivedAt, byte[] body, Encoding encoding)
            throws RequestRefusedException {
        ExportLogsServiceRequest request = otlp.decode(body, encoding);
        int count = request.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .mapToInt(ScopeLogs::getLogRecordsCount).sum();
        if (count > maxEventsPerBatch) {
            throw RequestRefusedException.refused(Status.PAYLOAD_TOO_LARGE, "request has more than "
                    + maxEventsPerBatch + " log records; the limit is " + maxEventsPerBatch + " ("
                    + CollectorConfigLoader.LIMITS_MAX_EVENTS_PER_BATCH + ")");
        }
        return new Batch(count, () -> {
            List<LogRecordMapper.MappedRecord> records = mapper.map(request, appId);
            List<EventOutcome> outcomes = new ArrayList<>(records.size());
            for (LogRecordMapper.MappedRecord r : records) {
                EventOutcome o = converter.convert(appId, receivedAt, r.wire(), r.original());
                if (o instanceof EventOutcome.Rejected rejected) {
                    o = new EventOutcome.Rejected(rejected.family(),
                            LogRecordMapper.explain(rejected.rejection(), r.location()), rejected.original());
                }
                outcomes.add(o);
            }
            return outcomes;
        });
    }

    /**
     * Reads the value of one of the collector's dead letters again, in the form its reason tells:
     * <ul>
     *   <li>an event's reason: one event, either the JSON item of a {@code /v1/events} batch, or a one-record OTLP
     *       export request in protobuf from {@code /v1/logs}. The protobuf form always starts with byte
     *       {@code 0x0A} (field 1, {@code resource_logs}); a JSON item never does (the parser cuts it at its first
     *       token);</li>
     *   <li>{@code malformed_json}, {@code invalid_batch}: a whole {@code /v1/events} body, judged whole again;</li>
     *   <li>{@code malformed_gzip}, {@code malformed_otlp}: a whole body whose content type or encoding the dead
     *       letter does not record, so it cannot be read again: empty.</li>
     * </ul>
     *
     * @param receivedAt when the collector first received it
     * @throws RequestRefusedException when the value is still unreadable (with the body for the dead-letter topic)
     */
    public Optional<Batch> deadLetter(String appId, Instant receivedAt, DeadLetterReason reason, byte[] value)
            throws RequestRefusedException {
        if (UNREADABLE_BODY.contains(reason)) {
            return Optional.empty();
        }
        if (WHOLE_EVENTS_BODY.contains(reason)) {
            return Optional.of(events(appId, receivedAt, value));
        }
        if (value.length > 0 && value[0] == OTLP_RESOURCE_LOGS_TAG) {
            return Optional.of(logs(appId, receivedAt, value, Encoding.PROTOBUF));
        }
        return Optional.of(events(appId, receivedAt, asBatch(value)));
    }

    /** One event's JSON as the only item of a batch, so the collector's own parser reads it. */
    private static byte[] asBatch(byte[] item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(item.length + BATCH_PREFIX.length + BATCH_SUFFIX.length);
        out.writeBytes(BATCH_PREFIX);
        out.writeBytes(item);
        out.writeBytes(BATCH_SUFFIX);
        return out.toByteArray();
    }

    /** A request read but not yet judged. */
    public static final class Batch {
        private final int size;
        private final Supplier<List<EventOutcome>> judge;

        private Batch(int size, Supplier<List<EventOutcome>> judge) {
            this.size = size;
            this.judge = judge;
        }

        /** How many events the request holds. */
        public int size() {
            return size;
        }

        /** Each event's outcome, in request order: its Avro record, or why it is rejected. */
        public List<EventOutcome> judge() {
            return judge.get();
        }
    }
}
