package dev.sieve.sink.clickhouse;

import dev.sieve.sink.model.Column;
import dev.sieve.sink.model.TableLayout;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's TTL: rows go when their time plus the retention has passed, unless a legal hold covers them.
 *
 * <p>The time is {@code least(event_time, _ingested_at)} when the table keeps the event time: the event
 * time is what retention is about, but it comes from the device's clock, and a clock set years ahead must
 * not make a row immortal. Tables without an event time use {@code _ingested_at}.
 */
public final class RetentionTtl {

    private static final Pattern STORED = Pattern.compile("TTL .*? \\+ toInterval(Day|Hour)\\((\\d+)\\)");

    private RetentionTtl() {}

    /** The TTL expression, without the {@code TTL} keyword. */
    public static String expression(TableLayout layout, Duration retention, SchemaOptions options) {
        StringBuilder ttl = new StringBuilder(rowTime(layout)).append(" + ").append(interval(retention));
        HoldPredicate.notHeld(layout, options).ifPresent(w -> ttl.append(" DELETE WHERE ").append(w));
        return ttl.toString();
    }

    /** The time a row's retention counts from, as the TTL writes it (and ClickHouse stores it). */
    public static String rowTime(TableLayout layout) {
        Column time = layout.timeColumn();
        return "toDateTime(" + (time.name().equals(TableLayout.INGESTED_AT) ? time.name()
                : "least(" + time.name() + ", " + TableLayout.INGESTED_AT + ")") + ")";
    }

    /** {@code INTERVAL 30 DAY}, or hours when the retention is not whole days. */
    public static String interval(Duration retention) {
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        return retention.toHours() % 24 == 0 ? "INTERVAL " + retention.toDays() + " DAY"
                : "INTERVAL " + retention.toHours() + " HOUR";
    }

    /** The retention a table's stored definition ({@code system.tables.create_table_query}) applies, if any. */
    public static Optional<Duration> parse(String createTableQuery) {
        Matcher m = STORED.matcher(createTableQuery);
        if (!m.find()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(2));
        return Optional.of(m.group(1).equals("Day") ? Duration.ofDays(n) : Duration.ofHours(n));
    }
}
