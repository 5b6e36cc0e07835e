package dev.sieve.ingest.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.ingest.deliver.BatchResult;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.Rejection;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** The JSON answers of {@code /v1/events} and the health endpoints. */
final class Answers {

    static final String JSON = "application/json";

    private final ObjectMapper mapper = new ObjectMapper();

    /** The answer to a batch Kafka acknowledged: counts, then one result per event, in request order. */
    record Batch(long accepted, long rejected, List<EventResult> results) {}

    /** One event's result; reason, path and message only for rejected events. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventResult(int index, String status, String reason, String path, String message) {}

    /** A request refused as a whole. */
    record ErrorAnswer(String error, String message) {}

    /** A health probe's answer. */
    record Health(String status) {}

    void batch(Context ctx, BatchResult result) {
        List<EventResult> results = new ArrayList<>(result.outcomes().size());
        for (int i = 0; i < result.outcomes().size(); i++) {
            if (result.outcomes().get(i) instanceof EventOutcome.Rejected r) {
                Rejection why = r.rejection();
                results.add(new EventResult(i, "rejected", why.reason().id(), why.path(), why.message()));
            } else {
                results.add(new EventResult(i, "accepted", null, null, null));
            }
        }
        write(ctx, 200, new Batch(result.accepted(), result.rejected(), results));
    }

    void error(Context ctx, int status, String error, String message) {
        write(ctx, status, new ErrorAnswer(error, message));
    }

    void health(Context ctx, int status, String state) {
        write(ctx, status, new Health(state));
    }

    byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private void write(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(bytes(body));
    }
}
