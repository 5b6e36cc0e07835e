package dev.sieve.ingest.adapter.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.sieve.ingest.decode.OtlpLogsDecoder.Encoding;
import dev.sieve.ingest.deliver.BatchResult;
import dev.sieve.ingest.deliver.DeliveryFailedException;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.Source;
import io.javalin.http.Context;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/logs}: the OTLP/HTTP logs endpoint, so apps instrumented with OpenTelemetry send without the
 * Sieve SDK. Each log record becomes a {@code service_log} event ({@link EventIntake#logs}); invalid records go
 * to the dead-letter topic and are reported as OTLP partial success. Answers in the request's encoding, errors
 * as {@code google.rpc.Status}, as OTLP/HTTP prescribes.
 */
final class LogsEndpoint extends IngestEndpoint {

    /** How many rejection messages a partial-success answer quotes. */
    static final int MAX_QUOTED_REJECTIONS = 10;

    LogsEndpoint(Parts parts) {
        super(Source.LOGS, parts);
    }

    @Override
    String mediaType(String contentType) throws RequestRefusedException {
        String mediaType = bareMediaType(contentType);
        for (Encoding e : Encoding.values()) {
            if (e.mediaType().equals(mediaType)) {
                return mediaType;
            }
        }
        throw RequestRefusedException.refused(Status.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be "
                + Encoding.PROTOBUF.mediaType() + " or " + Encoding.JSON.mediaType());
    }

    @Override
    void accept(Context ctx, String appId, String mediaType, Instant receivedAt, byte[] body)
            throws RequestRefusedException, DeliveryFailedException {
        Encoding encoding = encoding(mediaType);
        EventIntake.Batch records = intake.logs(appId, receivedAt, body, encoding);
        admit(appId, records.size());
        BatchResult result = delivery.deliver(Source.LOGS, appId, ctx.ip(), records.judge());
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (result.rejected() > 0) {
            String messages = result.outcomes().stream()
                    .filter(o -> o instanceof EventOutcome.Rejected)
                    .limit(MAX_QUOTED_REJECTIONS)
                    .map(o -> ((EventOutcome.Rejected) o).rejection().message())
                    .collect(Collectors.joining("; "));
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(result.rejected())
                    .setErrorMessage(messages));
        }
        ctx.status(200).contentType(mediaType).result(encode(response.build(), encoding));
    }

    @Override
    void error(Context ctx, int status, String error, String message) {
        int code = RpcStatus.codeFor(status);
        if (encoding(bareMediaType(ctx.contentType())) == Encoding.JSON) {
            ctx.status(status).contentType(Encoding.JSON.mediaType())
                    .result(answers.bytes(new JsonStatus(code, message)));
        } else {
            ctx.status(status).contentType(Encoding.PROTOBUF.mediaType()).result(RpcStatus.protobuf(code, message));
        }
    }

    /** {@code google.rpc.Status} in OTLP's JSON encoding. */
    record JsonStatus(int code, String message) {}

    private static Encoding encoding(String mediaType) {
        return Encoding.JSON.mediaType().equals(mediaType) ? Encoding.JSON : Encoding.PROTOBUF;
    }

    private static byte[] encode(ExportLogsServiceResponse response, Encoding encoding) {
        if (encoding == Encoding.PROTOBUF) {
            return response.toByteArray();
        }
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(response)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an OTLP response always prints as JSON", e);
        }
    }
}
