package dev.sieve.ingest.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.topic.DeadLetterReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.charset.StandardCharsets;

/**
 * Reads an OTLP/HTTP logs export request in either encoding OTLP/HTTP defines: binary protobuf
 * ({@code application/x-protobuf}) or protobuf JSON ({@code application/json}). Unknown fields are ignored,
 * as the OTLP specification asks of receivers, so newer exporters keep working.
 */
public final class OtlpLogsDecoder {

    /** The two OTLP/HTTP encodings. */
    public enum Encoding {
        PROTOBUF("application/x-protobuf"),
        JSON("application/json");

        private final String mediaType;

        Encoding(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private final JsonFormat.Parser json = JsonFormat.parser().ignoringUnknownFields();

    /**
     * @throws RequestRefusedException 400, with the body for the dead-letter topic, when it is not a logs export
     *                                 request in that encoding
     */
    public ExportLogsServiceRequest decode(byte[] body, Encoding encoding) throws RequestRefusedException {
        try {
            if (encoding == Encoding.PROTOBUF) {
                return ExportLogsServiceRequest.parseFrom(body);
            }
            ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
            json.merge(new String(body, StandardCharsets.UTF_8), request);
            return request.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // RuntimeException too: the JSON parser lets some syntax errors of its JSON library through unwrapped.
            // The parsers' messages may quote the body; say only what was expected.
            throw RequestRefusedException.unreadable(DeadLetterReason.MALFORMED_OTLP,
                    "body is not an OTLP ExportLogsServiceRequest in " + encoding.mediaType(), body);
        }
    }
}
