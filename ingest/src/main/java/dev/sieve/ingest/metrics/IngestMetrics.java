package dev.sieve.ingest.metrics;

import dev.sieve.ingest.model.Source;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.topic.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;

/**
 * The collector's metrics. Every tag value comes from a fixed vocabulary (endpoint, family, outcome, reason,
 * HTTP status) or from configuration (app id): never from a request, so no identifier can become a label and
 * no client can grow the number of series.
 *
 * <pre>
 * sieve_ingest_events_total{endpoint, app, family, outcome=accepted|rejected, reason}
 * sieve_ingest_requests_total{endpoint, status}
 * sieve_ingest_throttled_events_total{endpoint, app, reason=rate_limit}   events of requests answered 429
 * sieve_ingest_batch_events{endpoint}                      events per request (summary)
 * sieve_ingest_produce_seconds{outcome=acked|failed}       from send until Kafka acknowledged the whole batch
 * </pre>
 */
public final class IngestMetrics {

    /** The {@code family} tag of an event that named no known family. */
    public static final String UNKNOWN_FAMILY = "unknown";
    /** The {@code reason} tag of an accepted event. */
    public static final String NO_REASON = "none";
    /** The {@code reason} tag of events refused because their app was over its rate. */
    public static final String RATE_LIMIT = "rate_limit";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(Source source, String appId, EventFamily family, long count) {
        events(source, appId, Optional.of(family), "accepted", NO_REASON).increment(count);
    }

    public void rejected(Source source, String appId, Optional<EventFamily> family, DeadLetterReason reason,
            long count) {
        events(source, appId, family, "rejected", reason.id()).increment(count);
    }

    /** Events of a request refused whole (429) because the app was over its rate; none of them was written. */
    public void throttled(Source source, String appId, long events) {
        Counter.builder("sieve.ingest.throttled.events")
                .description("Events of requests answered 429, by endpoint, app and reason")
                .tag("endpoint", source.id())
                .tag("app", appId)
                .tag("reason", RATE_LIMIT)
                .register(registry)
                .increment(events);
    }

    public void request(Source source, int status) {
        Counter.builder("sieve.ingest.requests")
                .description("HTTP requests by endpoint and answer status")
                .tag("endpoint", source.id())
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    public void batch(Source source, int events) {
        DistributionSummary.builder("sieve.ingest.batch.events")
                .description("Events per request")
                .baseUnit("events")
                .tag("endpoint", source.id())
                .register(registry)
                .record(events);
    }

    public void produce(boolean acked, Duration took) {
        Timer.builder("sieve.ingest.produce")
                .description("Time from handing a batch to the producer until Kafka acknowledged all of it")
                .tag("outcome", acked ? "acked" : "failed")
                .register(registry)
                .record(took);
    }

    private Counter events(Source source, String appId, Optional<EventFamily> family, String outcome, String reason) {
        return Counter.builder("sieve.ingest.events")
                .description("Events by endpoint, app, family, outcome and rejection reason")
                .tag("endpoint", source.id())
                .tag("app", appId)
                .tag("family", family.map(EventFamily::id).orElse(UNKNOWN_FAMILY))
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
