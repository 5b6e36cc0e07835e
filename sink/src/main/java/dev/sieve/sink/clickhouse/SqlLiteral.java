package dev.sieve.sink.clickhouse;

import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * ClickHouse literals for values the sink puts into statements: audit rows, names, times. Never for identifiers,
 * which ClickHouse would keep in its logs with the statement ({@link dev.sieve.sink.clickhouse.SubjectLookup}).
 */
public final class SqlLiteral {

    private SqlLiteral() {}

    /** A single-quoted string literal; backslash and quote escaped as ClickHouse reads them. */
    public static String string(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
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
