package dev.sieve.enginelocal;

/**
 * An error reported by the ClickHouse engine for a statement. The message is
 * ClickHouse's own error text ({@code Code: 62. DB::Exception: Syntax error: ...}),
 * unchanged, so tests can assert on it as they would against a server.
 */
public final class ClickHouseEngineException extends RuntimeException {

    private final int code;

    ClickHouseEngineException(String errorText) {
        super(errorText);
        this.code = EngineProtocol.errorCode(errorText);
    }

    /** ClickHouse's numeric error code (62 = SYNTAX_ERROR, 60 = UNKNOWN_TABLE, ...), or -1 if the text has none. */
    public int code() {
        return code;
    }
}
