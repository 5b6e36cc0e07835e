package dev.sieve.sink.clickhouse;

import dev.sieve.sink.store.StoreFailure;
import java.util.Set;

/**
 * ClickHouse's errors as the sink's {@link StoreFailure}s: classified by error code, the text redacted so it quotes
 * no row values.
 */
public final class ClickHouseErrors {

    /** Errors about the rows themselves (constraint, parse, type errors). */
    private static final Set<Integer> DATA_ERRORS = Set.of(6, 27, 32, 33, 38, 41, 53, 69, 70, 72, 117, 131, 441,
            442, 469);
    /** Timeouts, overload, network and replica trouble. */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(3, 159, 164, 202, 203, 209, 210, 236, 241, 242,
            252, 285, 319, 394, 425, 999);

    private ClickHouseErrors() {}

    /** Classifies a server error by its code and redacts its text. */
    public static StoreFailure fromServer(int code, String serverText) {
        StoreFailure.Kind kind = DATA_ERRORS.contains(code) ? StoreFailure.Kind.REJECTED_ROWS
                : TRANSIENT_ERRORS.contains(code) ? StoreFailure.Kind.TRANSIENT : StoreFailure.Kind.FATAL;
        return new StoreFailure(kind, code, redact(serverText));
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
