package dev.sieve.sdk;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code service_log} event (service log information, policy 1.2.1 (4)): a search, a view or a failure.
 * Required: {@link #action}.
 */
public final class ServiceLogEventBuilder extends EventBuilder<ServiceLogEventBuilder> {

    static final String FAMILY = "service_log";

    private ServiceAction action;
    private String searchQuery;
    private String pageUrl;
    private String referrerUrl;
    private String failureCode;
    private String failureMessage;
    private Long durationMs;

    ServiceLogEventBuilder(Clock clock) {
        super(clock);
    }

    /** What happened. */
    public ServiceLogEventBuilder action(ServiceAction action) {
        this.action = Objects.requireNonNull(action, "action");
        return this;
    }

    /** What the user searched for; null for none. */
    public ServiceLogEventBuilder searchQuery(String searchQuery) {
        this.searchQuery = searchQuery;
        return this;
    }

    /** What the user viewed; null for none. */
    public ServiceLogEventBuilder pageUrl(String pageUrl) {
        this.pageUrl = pageUrl;
        return this;
    }

    /** Referral URL; null for none. */
    public ServiceLogEventBuilder referrerUrl(String referrerUrl) {
        this.referrerUrl = referrerUrl;
        return this;
    }

    /** Machine-readable failure code; null for none. */
    public ServiceLogEventBuilder failureCode(String failureCode) {
        this.failureCode = failureCode;
        return this;
    }

    /** Failure message; null for none. */
    public ServiceLogEventBuilder failureMessage(String failureMessage) {
        this.failureMessage = failureMessage;
        return this;
    }

    /** How long the action took, in milliseconds; null for unknown. */
    public ServiceLogEventBuilder durationMs(Long durationMs) {
        this.durationMs = durationMs;
        return this;
    }

    @Override
    String family() {
        return FAMILY;
    }

    @Override
    Map<String, Object> fields() {
        Map<String, Object> f = newFields();
        f.put("action", required(action, "action", FAMILY));
        f.put("search_query", searchQuery);
        f.put("page_url", pageUrl);
        f.put("referrer_url", referrerUrl);
        f.put("failure_code", failureCode);
        f.put("failure_message", failureMessage);
        f.put("duration_ms", durationMs);
        return f;
    }
}
