package dev.sieve.sdk;

/**
 * The collector refused a rights call or could not be reached. {@link #status()} is the HTTP status (0 when there
 * was no answer), {@link #error()} the collector's error word ({@code unauthorized}, {@code invalid_request},
 * {@code unknown_request}, {@code not_ready}, {@code unavailable}, ...). A 503 may be retried after a while.
 */
public final class RightsException extends Exception {

    private final int status;
    private final String error;

    RightsException(int status, String error, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
