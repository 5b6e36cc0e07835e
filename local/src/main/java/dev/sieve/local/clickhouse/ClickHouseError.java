package dev.sieve.local.clickhouse;

/**
 * A failure the HTTP interface answers the way ClickHouse does: HTTP 500, the numeric code in
 * {@code X-ClickHouse-Exception-Code} and the text {@code Code: N. DB::Exception: ... (NAME)} in the body, so
 * clients classify it as they classify a server's.
 */
final class ClickHouseError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final int CHECKSUM_DOESNT_MATCH = 40;
    static final int UNKNOWN_COMPRESSION_METHOD = 89;
    static final int UNKNOWN_SETTING = 115;
    static final int CANNOT_DECOMPRESS = 271;
    static final int UNKNOWN_EXCEPTION = 1002;

    private final int code;

    /** An error ClickHouse itself reported: its text is passed on unchanged. */
    ClickHouseError(int code, String clickHouseText) {
        super(clickHouseText);
        this.code = code;
    }

    /** An error of this interface, worded as ClickHouse words its own. */
    static ClickHouseError of(int code, String name, String message) {
        return new ClickHouseError(code, "Code: " + code + ". DB::Exception: " + message + ". (" + name + ")");
    }

    int code() {
        return code;
    }
}
