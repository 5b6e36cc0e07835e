package dev.sieve.sink.port;

import java.util.Set;

/**
 * A ClickHouse statement failed. The message is ClickHouse's error text with row values removed
 * ({@link #redact(String)}): it may go to logs and dead-letter headers.
 */
public final class ClickHouseFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What the sink does about it. */
    public enum Kind {
        /** The data is invalid: split the batch, dead-letter the rows ClickHouse rejects. */
        REJECTED_ROWS,
        /** The server or network is having a moment: retry with backoff. */
        TRANSIENT,
        /** Misconfiguration (unknown table, no privilege, ...): retrying or dead-lettering cannot help; stop. */
        FATAL
    }

    /** Errors about the rows themselves (constraint, parse, type errors). */
    private static final Set<Integer> DATA_ERRORS = Set.of(6, 27, 32, 33, 38, 41, 53, 69, 70, 72, 117, 131, 441,
            442, 469);
    /** Timeouts, overload, network and replica trouble. */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(3, 159, 164, 202, 203, 209, 210, 236, 241, 242,
            252, 285, 319, 394, 425, 999);

    private final Kind kind;
    private final int code;

    public ClickHouseFailure(Kind kind, int code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    /** Classifies a server error by its code and redacts its text. */
    public static ClickHouseFailure fromServer(int code, String serverText) {
        Kind kind = DATA_ERRORS.contains(code) ? Kind.REJECTED_ROWS
                : TRANSIENT_ERRORS.contains(code) ? Kind.TRANSIENT : Kind.FATAL;
        return new ClickHouseFailure(kind, code, redact(serverText));
    }

    public Kind kind() {
        return kind;
    }

    /** ClickHouse's error code, or -1 for transport errors. */
    public int code() {
        return code;
    }

    /**
     * Removes what may quote row values from a ClickHouse error: the {@code Column values: ...} part of a
     * constraint violation and every single-quoted literal (parse errors quote the input they choked on).
     */
    public static String redact(String serverText) {
        String text = serverText.replaceAll("(?s)Column values: .*?(?=\\s*\\([A-Z_]+\\)\\s*$|$)", "Column values: <redacted>.");
        text = text.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "'?'");
        // text-format parse errors show the offending field double-quoted ("parsed text: \"<value>\"")
        text = text.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"?\"");
        return text.strip();
    }
}
