package dev.sieve.ingest.adapter.http;

import dev.sieve.ingest.auth.ApiKeys;
import dev.sieve.ingest.convert.EventConverter;
import dev.sieve.ingest.decode.BodyReader;
import dev.sieve.ingest.decode.EventBatchParser;
import dev.sieve.ingest.decode.JsonEvent;
import dev.sieve.ingest.deliver.Delivery;
import dev.sieve.ingest.deliver.DeliveryFailedException;
import dev.sieve.ingest.metrics.IngestMetrics;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.Source;
import dev.sieve.ingest.throttle.TokenBucket;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/events}: a JSON batch, {@code {"events": [{"family": ..., "event": {...}}, ...]}}, optionally
 * gzipped. Answers 200 once Kafka has every event (accepted ones in their raw topic, rejected ones in the
 * dead-letter topic), with one result per event.
 */
final class EventsEndpoint extends IngestEndpoint {

    private final EventBatchParser parser;
    private final EventConverter converter;
    private final Answers answers;

    EventsEndpoint(ApiKeys apiKeys, BodyReader bodyReader, EventBatchParser parser, EventConverter converter,
            Delivery delivery, IngestMetrics metrics, Answers answers, Duration retryAfter, Clock clock,
            Map<String, TokenBucket> allowances) {
        super(Source.EVENTS, apiKeys, bodyReader, delivery, metrics, retryAfter, clock, allowances);
        this.parser = parser;
        this.converter = converter;
        this.answers = answers;
    }

    @Override
    String mediaType(String contentType) throws RequestRefusedException {
        String mediaType = bareMediaType(contentType);
        if (!mediaType.equals(Answers.JSON)) {
            throw RequestRefusedException.refused(Status.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + Answers.JSON);
        }
        return mediaType;
    }

    @Override
    void accept(Context ctx, String appId, String mediaType, Instant receivedAt, byte[] body)
            throws RequestRefusedException, DeliveryFailedException {
        List<JsonEvent> events = parser.parse(body);
        admit(appId, events.size());
        List<EventOutcome> outcomes = new ArrayList<>(events.size());
        for (JsonEvent e : events) {
            outcomes.add(converter.convert(appId, receivedAt, e.json(), e.original()));
        }
        answers.batch(ctx, delivery.deliver(Source.EVENTS, appId, ctx.ip(), outcomes));
    }

    @Override
    void error(Context ctx, int status, String error, String message) {
        answers.error(ctx, status, error, message);
    }
}
