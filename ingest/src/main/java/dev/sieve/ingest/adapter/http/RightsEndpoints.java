package dev.sieve.ingest.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.ingest.adapter.kafka.ControlProducer.ControlWriteException;
import dev.sieve.ingest.auth.ApiKeys;
import dev.sieve.ingest.rights.AccessExports;
import dev.sieve.ingest.rights.RightsRequests;
import dev.sieve.ingest.rights.RightsService;
import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.control.RightsRequestKind;
import dev.sieve.schemas.control.RightsRequestStatus;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.sink.subject.Subject;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;

/**
 * The subject-rights API an app's servers call (policy 4, 5), authenticated by the app's server key (never an SDK
 * key) and scoped to the app: a request, its state and its export are visible to the app that filed it only, and
 * an access export holds only the rows the app sent.
 *
 * <pre>
 * POST /v1/rights/consent                 record consent per purpose            200, the request (done)
 * POST /v1/rights/erasure                 erase a subject or device             202, the request (in_progress)
 * POST /v1/rights/access                  export what is stored about them      202, the request (in_progress)
 * GET  /v1/rights/requests/{id}           a request's state                     200
 * GET  /v1/rights/requests/{id}/export    the export, ?format=json|csv          200, streamed
 * </pre>
 *
 * Described in {@code openapi/rights-api.yaml}; a test holds server and description to each other. Messages name
 * fields and rules, never a value the app sent.
 */
public final class RightsEndpoints {

    /** One route: {@link #ROUTES} is the single list the server registers and the OpenAPI test compares. */
    public record Route(HandlerType method, String path) {}

    public static final String CONSENT = "/v1/rights/consent";
    public static final String ERASURE = "/v1/rights/erasure";
    public static final String ACCESS = "/v1/rights/access";
    public static final String REQUEST = "/v1/rights/requests/{id}";
    public static final String EXPORT = "/v1/rights/requests/{id}/export";
    public static final List<Route> ROUTES = List.of(new Route(HandlerType.POST, CONSENT),
            new Route(HandlerType.POST, ERASURE), new Route(HandlerType.POST, ACCESS),
            new Route(HandlerType.GET, REQUEST), new Route(HandlerType.GET, EXPORT));

    /** Who verified the person's identity: a role, team or method, never the person (no '@': not an e-mail). */
    static final Pattern VERIFIED_BY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:-]{0,63}");
    /** Longest subject or device id read; the collector's own string limit is far larger for event fields. */
    static final int MAX_ID_LENGTH = 256;
    static final String GRANTED = "granted";
    static final String WITHDRAWN = "withdrawn";

    /** The body of erasure and access requests. */
    record SubjectCall(@JsonProperty("subject_id") String subjectId, @JsonProperty("device_id") String deviceId,
            @JsonProperty("verified_by") String verifiedBy) {}

    /** The body of a consent request: every purpose that asks consent, granted or withdrawn. */
    record ConsentCall(@JsonProperty("subject_id") String subjectId, @JsonProperty("device_id") String deviceId,
            @JsonProperty("verified_by") String verifiedBy, @JsonProperty("purposes") Map<String, String> purposes) {}

    /** A request as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestAnswer(String id, String kind, String status, @JsonProperty("verified_by") String verifiedBy,
            @JsonProperty("received_at") String receivedAt, @JsonProperty("due_at") String dueAt,
            @JsonProperty("updated_at") String updatedAt, String detail) {

        static RequestAnswer of(RightsRequest r) {
            return new RequestAnswer(r.getRequestId(), r.getKind().name().toLowerCase(Locale.ROOT),
                    r.getStatus().name().toLowerCase(Locale.ROOT), r.getVerifiedBy(), r.getReceivedAt().toString(),
                    r.getDueAt().toString(), r.getUpdatedAt().toString(), r.getDetail());
        }
    }

    /** A refused call, as {@link Answers#error}. */
    private static final class Refused extends Exception {
        final int status;
        final String error;

        Refused(int status, String error, String message) {
            super(message, null, false, false);
            this.status = status;
            this.error = error;
        }
    }

    private final ApiKeys serverKeys;
    private final RightsService service;
    private final RightsRequests register;
    private final List<String> consentPurposes;
    private final Answers answers;
    private final Duration retryAfter;
    private final ObjectMapper mapper = new ObjectMapper();

    public RightsEndpoints(ApiKeys serverKeys, RightsService service, RightsRequests register, Policy policy,
            Duration retryAfter) {
        this.serverKeys = serverKeys;
        this.service = service;
        this.register = register;
        this.consentPurposes = policy.purposes().values().stream().filter(Purpose::consentRequired)
                .map(Purpose::id).toList();
        this.answers = new Answers();
        this.retryAfter = retryAfter;
    }

    /** The handler of each of {@link #ROUTES}, in the same order. */
    public List<Handler> handlers() {
        return List.of(guarded(this::consent), guarded(this::erasure), guarded(this::access), guarded(this::status),
                guarded(this::export));
    }

    private interface Call {
        void handle(Context ctx, String app) throws Refused, ControlWriteException, IOException;
    }

    private Handler guarded(Call call) {
        return ctx -> {
            Optional<String> app = serverKeys.appForAuthorization(ctx.header("Authorization"));
            if (app.isEmpty()) {
                ctx.header("WWW-Authenticate", "Bearer");
                answers.error(ctx, 401, "unauthorized", "a server key is required (Authorization: Bearer <key>);"
                        + " an SDK's ingest key is not one");
                return;
            }
            try {
                call.handle(ctx, app.get());
            } catch (Refused r) {
                answers.error(ctx, r.status, r.error, r.getMessage());
            } catch (ControlWriteException e) {
                ctx.header("Retry-After", Long.toString(retryAfter.toSeconds()));
                answers.error(ctx, 503, "unavailable", e.getMessage() + "; nothing was recorded as done");
            } catch (KafkaException e) {
                // e.g. the salts of rotating pseudonyms, which an erasure's list entry needs, could not be read
                ctx.header("Retry-After", Long.toString(retryAfter.toSeconds()));
                answers.error(ctx, 503, "unavailable", "Kafka did not answer in time (" + e.getClass().getSimpleName()
                        + "); nothing was recorded as done");
            }
        };
    }

    private void consent(Context ctx, String app) throws Refused, ControlWriteException {
        ConsentCall call = body(ctx, ConsentCall.class);
        Subject subject = subject(call.subjectId(), call.deviceId());
        String verifiedBy = verifiedBy(call.verifiedBy());
        Map<String, String> decisions = call.purposes() == null ? Map.of() : call.purposes();
        if (!new TreeSet<>(decisions.keySet()).equals(new TreeSet<>(consentPurposes))) {
            throw invalid("purposes must state every purpose that asks consent, and only those: "
                    + String.join(", ", consentPurposes));
        }
        List<String> granted = new ArrayList<>();
        for (String purpose : consentPurposes) {
            String decision = decisions.get(purpose);
            if (GRANTED.equals(decision)) {
                granted.add(purpose);
            } else if (!WITHDRAWN.equals(decision)) {
                throw invalid("purposes." + purpose + " must be " + GRANTED + " or " + WITHDRAWN);
            }
        }
        request(ctx, 200, service.consent(app, subject, granted, verifiedBy));
    }

    private void erasure(Context ctx, String app) throws Refused, ControlWriteException {
        SubjectCall call = body(ctx, SubjectCall.class);
        Subject subject = subject(call.subjectId(), call.deviceId());
        request(ctx, 202, service.erasure(app, subject, verifiedBy(call.verifiedBy())));
    }

    private void access(Context ctx, String app) throws Refused, ControlWriteException {
        SubjectCall call = body(ctx, SubjectCall.class);
        Subject subject = subject(call.subjectId(), call.deviceId());
        request(ctx, 202, service.access(app, subject, verifiedBy(call.verifiedBy())));
    }

    private void status(Context ctx, String app) throws Refused {
        request(ctx, 200, known(ctx, app));
    }

    private void export(Context ctx, String app) throws Refused, IOException {
        RightsRequest r = known(ctx, app);
        String asked = Optional.ofNullable(ctx.queryParam("format")).orElse("json");
        AccessExports.Format format = switch (asked) {
            case "json" -> AccessExports.Format.JSON;
            case "csv" -> AccessExports.Format.CSV;
            default -> throw invalid("format must be json or csv");
        };
        if (r.getKind() != RightsRequestKind.ACCESS) {
            throw new Refused(409, "not_an_access_request", "only an access request has an export");
        }
        if (r.getStatus() != RightsRequestStatus.DONE) {
            throw new Refused(409, "not_ready", "the export is not ready: the request is "
                    + r.getStatus().name().toLowerCase(Locale.ROOT));
        }
        Path file = service.exportOf(r).orElseThrow(() -> new Refused(404, "export_not_here", "this collector"
                + " does not hold the export: exports are deleted " + AccessExports.KEPT.toDays() + " days after"
                + " they are written (file a new request), and rights.export-dir must be shared by every"
                + " collector"));
        ctx.status(200).contentType(format == AccessExports.Format.JSON ? "application/x-ndjson"
                : "text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + r.getRequestId() + "."
                + format.name().toLowerCase(Locale.ROOT) + "\"");
        AccessExports.copy(file, format, ctx.outputStream());
    }

    private RightsRequest known(Context ctx, String app) throws Refused {
        return register.of(app, ctx.pathParam("id")).orElseThrow(() -> new Refused(404, "unknown_request",
                "no request of this app has that id"));
    }

    private <T> T body(Context ctx, Class<T> type) throws Refused {
        try {
            T value = mapper.readValue(ctx.bodyAsBytes(), type);
            if (value == null) {
                throw invalid("the body must be a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            // Jackson's message can quote the body: only what kind of problem it was.
            throw invalid("the body must be a JSON object with the fields of the OpenAPI description and no others");
        } catch (IOException e) {
            throw invalid("the body could not be read");
        }
    }

    private static Subject subject(String subjectId, String deviceId) throws Refused {
        if ((subjectId == null) == (deviceId == null)) {
            throw invalid("give exactly one of subject_id and device_id (a person with both is two requests)");
        }
        String id = subjectId != null ? subjectId : deviceId;
        String field = subjectId != null ? "subject_id" : "device_id";
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw invalid(field + " must be 1 to " + MAX_ID_LENGTH + " characters, not blank");
        }
        return new Subject(Optional.ofNullable(subjectId), Optional.ofNullable(deviceId));
    }

    private static String verifiedBy(String verifiedBy) throws Refused {
        if (verifiedBy == null || !VERIFIED_BY.matcher(verifiedBy).matches()) {
            throw invalid("verified_by must name who verified the person's identity (policy 5.3): 1 to 64 letters,"
                    + " digits, spaces, '.', '_', ':' or '-', starting with a letter or digit (a role or method,"
                    + " not a person's address)");
        }
        return verifiedBy;
    }

    private void request(Context ctx, int status, RightsRequest r) {
        ctx.status(status).contentType(Answers.JSON).result(answers.bytes(RequestAnswer.of(r)));
    }

    private static Refused invalid(String message) {
        return new Refused(400, "invalid_request", message);
    }
}
