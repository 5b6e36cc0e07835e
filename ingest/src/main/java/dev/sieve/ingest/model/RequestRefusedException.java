package dev.sieve.ingest.model;

import dev.sieve.schemas.topic.DeadLetterReason;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request refused as a whole, before any event in it was judged: bad credentials, wrong content type, too
 * large, over the app's rate, or a body that cannot be read at all. The message is safe to send back and to log: it never
 * quotes the body.
 */
public final class RequestRefusedException extends Exception {

    /** The HTTP status, with the error code that goes beside the message in the answer. */
    public enum Status {
        BAD_REQUEST(400, "bad_request"),
        UNAUTHORIZED(401, "unauthorized"),
        PAYLOAD_TOO_LARGE(413, "payload_too_large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
        TOO_MANY_REQUESTS(429, "rate_limited");

        private final int code;
        private final String error;

        Status(int code, String error) {
            this.code = code;
            this.error = error;
        }

        public int code() {
            return code;
        }

        public String error() {
            return error;
        }
    }

    private final Status status;
    private final transient Optional<DeadLetterBody> deadLetter;
    private final transient Optional<Duration> retryAfter;

    /**
     * A body that was read but cannot be used: it goes to the dead-letter topic whole.
     *
     * @param reason why
     * @param body   the body as received
     */
    public record DeadLetterBody(DeadLetterReason reason, byte[] body) {}

    private RequestRefusedException(Status status, String message, Optional<DeadLetterBody> deadLetter,
            Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.deadLetter = deadLetter;
        this.retryAfter = retryAfter;
    }

    /** Refused at the door: the sender still has the request; nothing is written. */
    public static RequestRefusedException refused(Status status, String message) {
        return new RequestRefusedException(status, message, Optional.empty(), Optional.empty());
    }

    /** Over the app's rate: answered 429 with {@code Retry-After}; nothing is written, the sender still has it. */
    public static RequestRefusedException throttled(String message, Duration retryAfter) {
        return new RequestRefusedException(Status.TOO_MANY_REQUESTS, message, Optional.empty(),
                Optional.of(retryAfter));
    }

    /** Read but unusable: answered 400, and the body goes to the dead-letter topic with the reason. */
    public static RequestRefusedException unreadable(DeadLetterReason reason, String message, byte[] body) {
        return new RequestRefusedException(Status.BAD_REQUEST, message, Optional.of(new DeadLetterBody(reason, body)),
                Optional.empty());
    }

    public Status status() {
        return status;
    }

    public Optional<DeadLetterBody> deadLetter() {
        return deadLetter;
    }

    /** When the sender may try again, for a refusal that passes with time. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
