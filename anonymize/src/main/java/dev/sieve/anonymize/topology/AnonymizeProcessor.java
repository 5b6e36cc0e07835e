package dev.sieve.anonymize.topology;

import dev.sieve.anonymize.projection.EventView;
import dev.sieve.anonymize.projection.PurposeProjection;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.purpose.PurposeSerde;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.DeadLetters;
import dev.sieve.streams.FamilyDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Fans one enriched event out to its purposes. In order: an erased subject or device feeds nothing; a
 * purpose that needs consent is fed only when the consent the event carries names it; every other purpose
 * gets its projection. Output records carry only the region header, and their key is a copy of the device
 * (or else subject) value the purpose's own record holds, in the same form: raw, pseudonymized, or absent.
 * So a key never says more than the record it belongs to, and one device's records stay in order.
 */
final class AnonymizeProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    static final String METRIC = "sieve.anonymize.records";

    private final EventFamily family;
    private final String sourceTopic;
    private final List<Target> targets = new ArrayList<>();
    private final MeterRegistry meters;
    private final Clock clock;
    private final FamilyDecoder decoder;
    private final StoreSalts salts;
    private ProcessorContext<byte[], byte[]> context;
    private final ErasureListKey erasureList;
    private KeyValueStore<String, ErasedIdentifier> erasures;

    /** One purpose output of this family. */
    private record Target(PurposeProjection projection, PurposeSerde serde, String topic, String sink) {}

    /** Fields whose projected value becomes the output key, in order of preference. */
    private static final List<String> KEY_FIELDS = List.of("device_id", "subject_id");

    AnonymizeProcessor(EventFamily family, String sourceTopic, Projections projections, Topics topics,
            ErasureListKey erasureList, MeterRegistry meters, Clock clock) {
        this.family = family;
        this.erasureList = erasureList;
        this.sourceTopic = sourceTopic;
        this.meters = meters;
        this.clock = clock;
        this.decoder = new FamilyDecoder(family, sourceTopic);
        this.salts = projections.salts();
        for (PurposeProjection p : projections.of(family)) {
            String topic = topics.purpose(p.purpose(), family).name();
            targets.add(new Target(p, new PurposeSerde(p.schema()), topic, sinkName(p.purpose(), family)));
        }
    }

    static String sinkName(Purpose purpose, EventFamily family) {
        return "purpose-" + purpose.id() + "-" + family.id();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.erasures = context.getStateStore(AnonymizeTopology.ERASURE_STORE);
        salts.bind(context.getStateStore(AnonymizeTopology.SALT_STORE));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        FamilyDecoder.Decoded decoded = decoder.decode(record.value());
        if (decoded.event() == null) {
            deadLetter(record, DeadLetterReason.UNDECODABLE, decoded.failure());
            return;
        }
        EventView view = new EventView(family, decoded.event());
        if (erased(view.envelope())) {
            for (Target t : targets) {
                count(t, "suppressed_erased");
            }
            return;
        }
        List<Record<byte[], byte[]>> outputs = new ArrayList<>(targets.size());
        List<String> sinks = new ArrayList<>(targets.size());
        try {
            Instant now = clock.instant();
            for (Target t : targets) {
                Purpose purpose = t.projection().purpose();
                if (purpose.consentRequired() && !consents(view.envelope(), purpose)) {
                    count(t, "suppressed_consent");
                    continue;
                }
                GenericRecord projected = t.projection().project(view, now);
                byte[] value = t.serde().serializer().serialize(t.topic(), projected);
                RecordHeaders headers = new RecordHeaders();
                headers.add(Topics.HEADER_REGION, view.envelope().getRegion().getBytes(StandardCharsets.UTF_8));
                outputs.add(new Record<>(key(projected), value, record.timestamp(), headers));
                sinks.add(t.sink());
            }
        } catch (RuntimeException e) {
            // Nothing of this event is forwarded unless every purpose view could be built.
            deadLetter(record, DeadLetterReason.PROCESSING_FAILED, e.getClass().getName());
            return;
        }
        for (int i = 0; i < outputs.size(); i++) {
            context.forward(outputs.get(i), sinks.get(i));
        }
        for (Target t : targets) {
            if (sinks.contains(t.sink())) {
                count(t, "emitted");
            }
        }
    }

    private boolean erased(Envelope e) {
        // The list holds keyed hashes only (ErasureListKey): the event's ids are hashed to look them up.
        return e.getSubjectId() != null && erasures.get(erasureList.subject(e.getSubjectId())) != null
                || e.getDeviceId() != null && erasures.get(erasureList.device(e.getDeviceId())) != null;
    }

    private static boolean consents(Envelope e, Purpose purpose) {
        return e.getConsentedPurposes() != null && e.getConsentedPurposes().contains(purpose.id());
    }

    private static byte[] key(GenericRecord projected) {
        for (String field : KEY_FIELDS) {
            if (projected.getSchema().getField(field) != null && projected.get(field) instanceof CharSequence v) {
                return v.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void count(Target t, String outcome) {
        meters.counter(METRIC, "family", family.id(), "purpose", t.projection().purpose().id(), "outcome", outcome)
                .increment();
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String detail) {
        meters.counter(METRIC, "family", family.id(), "purpose", "none", "outcome", "dead_lettered", "reason",
                reason.id()).increment();
        context.forward(DeadLetters.of(record, sourceTopic, reason, detail), AnonymizeTopology.deadLetterSink(family));
    }
}
