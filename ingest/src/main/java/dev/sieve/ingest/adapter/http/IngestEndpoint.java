package dev.sieve.ingest.adapter.http;

import dev.sieve.ingest.auth.ApiKeys;
import dev.sieve.ingest.decode.BodyReader;
import dev.sieve.ingest.deliver.Delivery;
import dev.sieve.ingest.deliver.DeliveryFailedException;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.metrics.IngestMetrics;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.Source;
import dev.sieve.ingest.throttle.TokenBucket;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both ingest endpoints do around their own format: authenticate the API key (401, nothing written),
 * check the content type (415), read the body within the limits (413), hand it to the endpoint, which counts
 * its events against the app's allowance ({@link #admit}: 429 with {@code Retry-After}, nothing written), and
 * turn failures into answers: a body that cannot be read goes to the dead-letter topic and is answered 400;
 * Kafka not acknowledging is answered 503 with {@code Retry-After}. Nothing is acknowledged before Kafka has it.
 */
abstract class IngestEndpoint implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(IngestEndpoint.class);

    /**
     * What both endpoints work with.
     *
     * @param intake     judges what an endpoint read
     * @param delivery   writes judged batches
     * @param retryAfter the wait a 503 asks for
     * @param allowances each configured app's token bucket, shared by both endpoints
     */
    record Parts(ApiKeys apiKeys, BodyReader bodyReader, EventIntake intake, Delivery delivery, IngestMetrics metrics,
            Answers answers, Duration retryAfter, Clock clock, Map<String, TokenBucket> allowances) {}

    private final Source source;
    private final ApiKeys apiKeys;
    private final BodyReader bodyReader;
    private final IngestMetrics metrics;
    private final Duration retryAfter;
    private final Clock clock;
    private final Map<String, TokenBucket> allowances;
    final EventIntake intake;
    final Delivery delivery;
    final Answers answers;

    IngestEndpoint(Source source, Parts parts) {
        this.source = source;
        this.apiKeys = parts.apiKeys();
        this.bodyReader = parts.bodyReader();
        this.intake = parts.intake();
        this.delivery = parts.delivery();
        this.metrics = parts.metrics();
        this.answers = parts.answers();
        this.retryAfter = parts.retryAfter();
        this.clock = parts.clock();
        this.allowances = parts.allowances();
    }

    /**
     * The request's media type if this endpoint reads it, lower case and without parameters.
     *
     * @throws RequestRefusedException 415 otherwise
     */
    abstract String mediaType(String contentType) throws RequestRefusedException;

    /** Judges the body's events, has them delivered and answers. */
    abstract void accept(Context ctx, String appId, String mediaType, Instant receivedAt, byte[] body)
            throws RequestRefusedException, DeliveryFailedException;

    /**
     * Takes {@code events} from the app's allowance before anything of the request is written.
     *
     * @throws RequestRefusedException 429 with the wait, in whole seconds, until the allowance holds them
     */
    final void admit(String appId, int events) throws RequestRefusedException {
        Optional<Duration> wait = allowances.get(appId).take(events);
        if (wait.isPresent()) {
            metrics.throttled(source, appId, events);
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw RequestRefusedException.throttled("this app is over its rate of events; nothing of the request"
                    + " is acknowledged, retry after " + seconds + " seconds", Duration.ofSeconds(seconds));
        }
    }

    /** Answers an error in this endpoint's format. */
    abstract void error(Context ctx, int status, String error, String message);

    @Override
    public final void handle(Context ctx) {
        Instant receivedAt = clock.instant();
        String appId = null;
        try {
            String authorization = ctx.header("Authorization");
            if (authorization == null) {
                throw RequestRefusedException.refused(Status.UNAUTHORIZED,
                        "missing API key: send Authorization: Bearer <key>");
            }
            appId = apiKeys.appForAuthorization(authorization).orElseThrow(
                    () -> RequestRefusedException.refused(Status.UNAUTHORIZED, "API key not recognised"));
            String mediaType = mediaType(ctx.contentType());
            byte[] body = bodyReader.read(ctx.bodyInputStream(), ctx.req().getContentLengthLong(),
                    ctx.header("Content-Encoding"));
            accept(ctx, appId, mediaType, receivedAt, body);
        } catch (RequestRefusedException e) {
            refused(ctx, appId, e);
        } catch (DeliveryFailedException e) {
            failed(ctx, e);
        } catch (IOException e) {
            // The client stopped sending mid-body; there is nothing to keep.
            error(ctx, 400, Status.BAD_REQUEST.error(), "could not read the body");
        }
        if (ctx.status().getCode() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        metrics.request(source, ctx.status().getCode());
    }

    private void refused(Context ctx, String appId, RequestRefusedException e) {
        LOG.debug("refused a request to {}: {}", source.id(), e.getMessage());
        e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(wait.toSeconds())));
        if (e.deadLetter().isEmpty()) {
            error(ctx, e.status().code(), e.status().error(), e.getMessage());
            return;
        }
        RequestRefusedException.DeadLetterBody letter = e.deadLetter().get();
        try {
            delivery.deadLetter(source, appId, letter.reason(), e.getMessage(), letter.body());
            error(ctx, e.status().code(), letter.reason().id(), e.getMessage());
        } catch (DeliveryFailedException failure) {
            // Not in the dead-letter topic either: the client must keep the body and try again.
            failed(ctx, failure);
        }
    }

    private void failed(Context ctx, DeliveryFailedException e) {
        if (e.transientFailure()) {
            ctx.header("Retry-After", Long.toString(retryAfter.toSeconds()));
            error(ctx, 503, "unavailable", "Kafka did not acknowledge the batch; nothing of it is acknowledged,"
                    + " retry after " + retryAfter.toSeconds() + " seconds");
        } else {
            error(ctx, 500, "internal", "Kafka refused the batch; nothing of it is acknowledged");
        }
    }

    /** The media type of a Content-Type header: lower case, parameters such as charset dropped. */
    static String bareMediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
