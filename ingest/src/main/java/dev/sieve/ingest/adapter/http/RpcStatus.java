package dev.sieve.ingest.adapter.http;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code google.rpc.Status} message OTLP/HTTP sends with every 4xx and 5xx answer. Written by hand from its
 * two fields we use (code = 1, message = 2) rather than pulling in Google's common protos for one message.
 */
final class RpcStatus {

    static final int INVALID_ARGUMENT = 3;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;

    private RpcStatus() {}

    /** The gRPC code matching an HTTP status of ours. */
    static int codeFor(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> UNAUTHENTICATED;
            case 413, 429 -> RESOURCE_EXHAUSTED;
            case 503 -> UNAVAILABLE;
            case 500 -> INTERNAL;
            default -> INVALID_ARGUMENT;
        };
    }

    static byte[] protobuf(int code, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
