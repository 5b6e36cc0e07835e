package dev.sieve.enrich.topology;

import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.enrich.normalize.Normalizer;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.DeadLetters;
import dev.sieve.streams.FamilyDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Kafka Streams adapter of {@link EventEnricher} for one family: decodes, drops repeats of events it already
 * forwarded ({@link SeenEvents}), enriches, re-encodes. Anything it cannot handle, an event without an id among
 * it, goes to the dead-letter sink with the original bytes; the stream never stops for bad input. Enriched events
 * go to the child node named {@code next}: the enriched topic's sink, or the next stage's processor.
 */
final class EnrichProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    static final String METRIC = "sieve.enrich.records";
    /** Repeats of an event already forwarded, dropped: {@code sieve_duplicates_dropped_total{family}}. */
    static final String DUPLICATES = "sieve.duplicates.dropped";

    private final EventFamily family;
    private final String sourceTopic;
    private final EventEnricher enricher;
    private final Duration dedupWindow;
    private final MeterRegistry meters;
    private final String next;
    private final FamilyDecoder decoder;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, ConsentState> consent;
    private SeenEvents seen;

    EnrichProcessor(EventFamily family, String sourceTopic, EventEnricher enricher, Duration dedupWindow,
            MeterRegistry meters, String next) {
        this.family = family;
        this.sourceTopic = sourceTopic;
        this.enricher = enricher;
        this.dedupWindow = dedupWindow;
        this.meters = meters;
        this.next = next;
        this.decoder = new FamilyDecoder(family, sourceTopic);
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.consent = context.getStateStore(EnrichTopology.CONSENT_STORE);
        this.seen = new SeenEvents(context.getStateStore(EnrichTopology.seenStore(family)), dedupWindow);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        FamilyDecoder.Decoded decoded = decoder.decode(record.value());
        if (decoded.event() == null) {
            deadLetter(record, DeadLetterReason.UNDECODABLE, decoded.failure());
            return;
        }
        SpecificRecord event = decoded.event();
        Envelope envelope = (Envelope) event.get(event.getSchema().getField(EventFamily.ENVELOPE_FIELD).pos());
        // Spelled as the enricher will store them, so two copies that differ only in white space are one event.
        String appId = Normalizer.requiredText(envelope.getAppId());
        String eventId = Normalizer.requiredText(envelope.getEventId());
        if (eventId.isEmpty()) {
            // Taken as one id, every blank-id event after the first would be dropped as its repeat.
            deadLetter(record, DeadLetterReason.MISSING_EVENT_ID,
                    "envelope.event_id is blank; repeats of the event could not be recognised");
            return;
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (seen.seen(appId, eventId, at)) {
            meters.counter(DUPLICATES, "family", family.id()).increment();
            return;
        }
        Outcome outcome;
        byte[] enriched;
        try {
            outcome = enricher.enrich(family, event, Instant.ofEpochMilli(record.timestamp()), consent::get,
                    clientAddress(record));
            enriched = outcome instanceof Outcome.Enriched e ? decoder.encode(e.event()) : null;
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.PROCESSING_FAILED, e.getClass().getName());
            return;
        }
        if (outcome instanceof Outcome.Rejected r) {
            deadLetter(record, r.reason(), r.detail());
            return;
        }
        seen.forwarded(appId, eventId, at);
        meters.counter(METRIC, "family", family.id(), "outcome", "enriched").increment();
        // No header goes on: the client address in particular has served its purpose.
        context.forward(record.withValue(enriched).withHeaders(new RecordHeaders()), next);
    }

    private static String clientAddress(Record<byte[], byte[]> record) {
        Header h = record.headers().lastHeader(Topics.HEADER_CLIENT_ADDRESS);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String detail) {
        meters.counter(METRIC, "family", family.id(), "outcome", "dead_lettered", "reason", reason.id()).increment();
        context.forward(DeadLetters.of(record, sourceTopic, reason, detail), EnrichTopology.deadLetterSink(family));
    }
}
