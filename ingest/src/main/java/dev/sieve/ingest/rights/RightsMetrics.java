package dev.sieve.ingest.rights;

import dev.sieve.schemas.control.RightsRequestKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * The rights requests' gauges, per kind ({@code consent}, {@code erasure}, {@code access}; no other label):
 * {@code sieve_rights_requests_overdue}, open past their due date (the policy's {@code response_period}), which an
 * alert should page on, and {@code sieve_rights_requests_open}. Counted from the register, so every collector
 * reports the same figures.
 */
public final class RightsMetrics {

    private RightsMetrics() {}

    public static void register(MeterRegistry registry, RightsRequests requests) {
        for (RightsRequestKind kind : RightsRequestKind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            Gauge.builder("sieve.rights.requests.overdue", requests, r -> r.overdue(kind))
                    .description("rights requests still open after their due date").tag("kind", tag)
                    .register(registry);
            Gauge.builder("sieve.rights.requests.open", requests,
                    r -> r.open().stream().filter(q -> q.getKind() == kind).count())
                    .description("rights requests received and not yet done or failed").tag("kind", tag)
                    .register(registry);
        }
    }
}
