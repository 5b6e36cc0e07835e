package dev.sieve.sink.store;

/**
 * A store call failed, already classified by the adapter, with a message that quotes no row values: it may go to
 * logs and dead-letter headers.
 */
public final class StoreFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What the sink does about it. */
    public enum Kind {
        /** The data is invalid: split the batch, dead-letter the rows the store rejects. */
        REJECTED_ROWS,
        /** The server or network is having a moment: retry with backoff. */
        TRANSIENT,
        /** Misconfiguration (unknown table, no privilege, ...): retrying or dead-lettering cannot help; stop. */
        FATAL
    }

    private final Kind kind;
    private final int code;

    /** @param code the store's own error code, or -1 for transport errors */
    public StoreFailure(Kind kind, int code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** The store's error code, or -1 for transport errors. */
    public int code() {
        return code;
    }
}
