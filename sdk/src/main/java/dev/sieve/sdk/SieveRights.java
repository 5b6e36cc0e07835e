package dev.sieve.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The subject-rights calls of the collector, for an app's <em>servers</em> (policy 4, 5): record a person's consent,
 * erase them, export what is stored about them, follow each request. Authenticated by the app's server key, which
 * must never ship inside an app (the event client's {@link SieveClient} uses the ingest key). Each call is one HTTP
 * request and waits for its answer; nothing is queued or retried here: a rights request must be known to be filed.
 *
 * <pre>{@code
 * SieveRights rights = SieveRights.builder().endpoint(URI.create("https://collector.example.com"))
 *         .serverKey(serverKey).build();
 * RightsRequest r = rights.requestAccess(RightsSubject.subject(user), "support-desk:sms-otp");
 * ... later: if (rights.request(r.id()).isDone()) rights.downloadExport(r.id(), ExportFormat.CSV, out);
 * }</pre>
 */
public final class SieveRights {

    /** The download formats of an access export. */
    public enum ExportFormat { JSON, CSV }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String serverKey;
    private final Duration timeout;
    private final HttpClient http;

    private SieveRights(Builder b) {
        this.endpoint = b.endpoint;
        this.serverKey = b.serverKey;
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records the person's consent: every purpose the policy asks consent for, granted ({@code true}) or withdrawn.
     * Done when it returns: the pipeline applies it to every event it enriches from then on.
     */
    public RightsRequest recordConsent(RightsSubject who, Map<String, Boolean> purposes, String verifiedBy)
            throws RightsException {
        Map<String, Object> decisions = new LinkedHashMap<>();
        purposes.forEach((p, granted) -> decisions.put(p, granted ? "granted" : "withdrawn"));
        StringBuilder body = new StringBuilder();
        JsonWriter w = new JsonWriter(body).beginObject().name(who.field).value(who.id)
                .name("verified_by").value(verifiedBy).name("purposes").beginObject();
        w.fields(decisions).endObject().endObject();
        return RightsRequest.of(post("/v1/rights/consent", body.toString()));
    }

    /** Files the erasure of everything stored about the subject or device; follow it with {@link #request}. */
    public RightsRequest requestErasure(RightsSubject who, String verifiedBy) throws RightsException {
        return RightsRequest.of(post("/v1/rights/erasure", subjectBody(who, verifiedBy)));
    }

    /** Starts an export of what this app's data holds about the subject; download it once {@link #request} is done. */
    public RightsRequest requestAccess(RightsSubject who, String verifiedBy) throws RightsException {
        return RightsRequest.of(post("/v1/rights/access", subjectBody(who, verifiedBy)));
    }

    /** The request's current state. */
    public RightsRequest request(String id) throws RightsException {
        HttpResponse<String> r = send(get(id, "").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return RightsRequest.of(answer(r.statusCode(), r.body()));
    }

    /** Copies a finished access request's export to {@code out} as it arrives (never held whole in memory). */
    public void downloadExport(String id, ExportFormat format, OutputStream out) throws RightsException {
        HttpResponse<InputStream> r = send(get(id, "/export?format=" + format.name().toLowerCase(Locale.ROOT)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                answer(r.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            body.transferTo(out);
        } catch (IOException e) {
            throw new RightsException(0, "io", "the export could not be read or written: " + e, e);
        }
    }

    private static String subjectBody(RightsSubject who, String verifiedBy) {
        StringBuilder body = new StringBuilder();
        new JsonWriter(body).beginObject().name(who.field).value(who.id).name("verified_by").value(verifiedBy)
                .endObject();
        return body.toString();
    }

    private HttpRequest.Builder get(String id, String suffix) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        return HttpRequest.newBuilder(endpoint.resolve("/v1/rights/requests/" + encoded + suffix))
                .header("Authorization", "Bearer " + serverKey).timeout(timeout).GET();
    }

    private Map<?, ?> post(String path, String json) throws RightsException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + serverKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return answer(r.statusCode(), r.body());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws RightsException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new RightsException(0, "unreachable", "the collector did not answer: " + e.getClass().getName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RightsException(0, "interrupted", "interrupted while waiting for the collector", e);
        }
    }

    /** A 2xx answer's JSON object; otherwise the collector's error as an exception. */
    private static Map<?, ?> answer(int status, String body) throws RightsException {
        Object json;
        try {
            json = JsonReader.parse(body);
        } catch (IllegalArgumentException e) {
            throw new RightsException(status, "bad_answer", "the collector answered " + status + " without JSON", e);
        }
        if (!(json instanceof Map<?, ?> object)) {
            throw new RightsException(status, "bad_answer", "the collector answered " + status + " without an object",
                    null);
        }
        if (status / 100 != 2) {
            throw new RightsException(status, String.valueOf(object.get("error")), "the collector refused the call ("
                    + status + "): " + object.get("message"), null);
        }
        return object;
    }

    /** Builds a {@link SieveRights}; endpoint and server key are required. */
    public static final class Builder {
        private URI endpoint;
        private String serverKey;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {}

        /** The collector, e.g. {@code https://collector.example.com}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The app's server key ({@code apps.<app-id>.server-key} of the collector). */
        public Builder serverKey(String serverKey) {
            this.serverKey = Objects.requireNonNull(serverKey, "serverKey");
            return this;
        }

        /** How long one call may take to connect and to be answered; {@link #DEFAULT_TIMEOUT} by default. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public SieveRights build() {
            if (endpoint == null || serverKey == null) {
                throw new IllegalStateException((endpoint == null ? "endpoint" : "serverKey") + " is required");
            }
            return new SieveRights(this);
        }
    }
}
