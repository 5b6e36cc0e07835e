package dev.sieve.enrich.topology;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.DeadLetterReason;
import dev.sieve.streams.DeadLetters;
import dev.sieve.streams.FamilyDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Kafka Streams adapter of {@link EventEnricher} for one family: decodes, enriches, re-encodes. Anything it
 * cannot handle goes to the dead-letter sink with the original bytes; the stream never stops for bad input.
 */
final class EnrichProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    static final String METRIC = "sieve.enrich.records";

    private final EventFamily family;
    private final String sourceTopic;
    private final EventEnricher enricher;
    private final MeterRegistry meters;
    private final FamilyDecoder decoder;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<String, ConsentState> consent;

    EnrichProcessor(EventFamily family, String sourceTopic, EventEnricher enricher, MeterRegistry meters) {
        this.family = family;
        this.sourceTopic = sourceTopic;
        this.enricher = enricher;
        this.meters = meters;
        this.decoder = new FamilyDecoder(family, sourceTopic);
    }

    static String sinkName(EventFamily family) {
        return "enriched-" + family.id();
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.consent = context.getStateStore(EnrichTopology.CONSENT_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        FamilyDecoder.Decoded decoded = decoder.decode(record.value());
        if (decoded.event() == null) {
            deadLetter(record, DeadLetterReason.UNDECODABLE, decoded.failure());
            return;
        }
        SpecificRecord event = decoded.event();
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
        meters.counter(METRIC, "family", family.id(), "outcome", "enriched").increment();
        // No header goes on: the client address in particular has served its purpose.
        context.forward(record.withValue(enriched).withHeaders(new RecordHeaders()), sinkName(family));
    }

    private static String clientAddress(Record<byte[], byte[]> record) {
        Header h = record.headers().lastHeader(Topics.HEADER_CLIENT_ADDRESS);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String detail) {
        meters.counter(METRIC, "family", family.id(), "outcome", "dead_lettered", "reason", reason.id()).increment();
        context.forward(DeadLetters.of(record, sourceTopic, reason, detail), EnrichTopology.DLQ_SINK);
    }
}
