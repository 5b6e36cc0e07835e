package dev.sieve.ingest.adapter.http;

import dev.sieve.ingest.deliver.DeliveryFailedException;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.Source;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * {@code POST /v1/events}: a JSON batch, {@code {"events": [{"family": ..., "event": {...}}, ...]}}, optionally
 * gzipped. Answers 200 once Kafka has every event (accepted ones in their raw topic, rejected ones in the
 * dead-letter topic), with one result per event.
 */
final class EventsEndpoint extends IngestEndpoint {

    EventsEndpoint(Parts parts) {
        super(Source.EVENTS, parts);
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
        EventIntake.Batch events = intake.events(appId, receivedAt, body);
        admit(appId, events.size());
        answers.batch(ctx, delivery.deliver(Source.EVENTS, appId, ctx.ip(), events.judge()));
    }

    @Override
    void error(Context ctx, int status, String error, String message) {
        answers.error(ctx, status, error, message);
    }
}
