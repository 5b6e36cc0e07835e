package dev.sieve.sink.ddl;

import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/** ClickHouse literals for values the sink puts into statements (audit rows, erasure and hold identifiers). */
public final class SqlLiteral {

    private SqlLiteral() {}

    /** A single-quoted string literal; backslash and quote escaped as ClickHouse reads them. */
    public static String string(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public static String nullableString(String value) {
        return value == null ? "NULL" : string(value);
    }

    /** {@code ('a', 'b')} for {@code IN}. */
    public static String list(Collection<String> values) {
        return values.stream().map(SqlLiteral::string).collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code ['a', 'b']}. */
    public static String array(Collection<String> values) {
        return values.stream().map(SqlLiteral::string).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A DateTime64(3) in UTC. */
    public static String time(Instant t) {
        return "fromUnixTimestamp64Milli(" + t.toEpochMilli() + ", 'UTC')";
    }
}
