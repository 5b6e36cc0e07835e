package dev.sieve.sink.clickhouse.audit;

import dev.sieve.schemas.policy.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table-level TTL of a stored table definition ({@code system.tables.create_table_query}), read the way
 * ClickHouse renders it: {@code TTL <time> + toIntervalDay(30) WHERE <condition>, <time> + ... TO VOLUME 'v'}.
 * Only delete rules matter to retention; rules that move, recompress or aggregate rows are left out.
 *
 * @param deleteRules the TTL's delete rules, as rendered
 */
record LiveTtl(List<String> deleteRules) {

    private static final Pattern INTERVAL = Pattern.compile(
            "^(.+) \\+ toInterval(Second|Minute|Hour|Day|Week|Month|Quarter|Year)\\((\\d+)\\)$");
    /** What makes a TTL rule something other than a delete. */
    private static final List<String> NOT_A_DELETE = List.of(" TO DISK ", " TO VOLUME ", " RECOMPRESS ", " GROUP BY ");

    public LiveTtl {
        deleteRules = List.copyOf(deleteRules);
    }

    /** The TTL, or empty when the table has none. Column TTLs (inside the column list) are not the table's. */
    public static Optional<LiveTtl> of(String createTableQuery) {
        int engine = createTableQuery.indexOf(" ENGINE = ");
        int start = engine < 0 ? -1 : createTableQuery.indexOf(" TTL ", engine);
        if (start < 0) {
            return Optional.empty();
        }
        String rest = createTableQuery.substring(start + " TTL ".length());
        int end = firstTopLevel(rest, List.of(" SETTINGS ", " COMMENT "));
        String clause = end < 0 ? rest : rest.substring(0, end);
        List<String> deletes = new ArrayList<>();
        for (String rule : splitTopLevel(clause)) {
            if (firstTopLevel(" " + rule + " ", NOT_A_DELETE) < 0) {
                deletes.add(rule);
            }
        }
        return Optional.of(new LiveTtl(deletes));
    }

    /**
     * A delete rule: rows go when {@code time} plus {@code interval} has passed, unless {@code where} (the rows
     * it applies to) is false for them.
     */
    public record DeleteRule(String time, Interval interval, Optional<String> where) {

        /** The rule, or empty when it is not {@code <time> + toInterval<Unit>(<n>) [DELETE] [WHERE <c>]}. */
        public static Optional<DeleteRule> parse(String rule) {
            int w = firstTopLevel(rule, List.of(" WHERE "));
            String head = (w < 0 ? rule : rule.substring(0, w)).strip();
            head = head.endsWith(" DELETE") ? head.substring(0, head.length() - " DELETE".length()) : head;
            Matcher m = INTERVAL.matcher(head);
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new DeleteRule(m.group(1), new Interval(Long.parseLong(m.group(3)), m.group(2)),
                    w < 0 ? Optional.empty() : Optional.of(rule.substring(w + " WHERE ".length()).strip())));
        }
    }

    /**
     * A ClickHouse interval, e.g. 30 {@code Day}.
     *
     * @param unit {@code Second}, {@code Minute}, {@code Hour}, {@code Day}, {@code Week}, {@code Month},
     *             {@code Quarter} or {@code Year}
     */
    public record Interval(long amount, String unit) {

        /**
         * The longest the interval can last: calendar units vary, and a retention must hold for the longest
         * month (31 days), quarter (92) and leap year (366).
         */
        public Duration atMost() {
            return switch (unit) {
                case "Second" -> Duration.ofSeconds(amount);
                case "Minute" -> Duration.ofMinutes(amount);
                case "Hour" -> Duration.ofHours(amount);
                case "Day" -> Duration.ofDays(amount);
                case "Week" -> Duration.ofDays(7 * amount);
                case "Month" -> Duration.ofDays(31 * amount);
                case "Quarter" -> Duration.ofDays(92 * amount);
                case "Year" -> Duration.ofDays(366 * amount);
                default -> throw new IllegalArgumentException("not a ClickHouse interval unit: " + unit);
            };
        }

        /** Days and hours in the policy's notation ({@code 30d}, {@code 12h}); other units spelt out. */
        @Override
        public String toString() {
            return switch (unit) {
                case "Day", "Hour" -> Durations.format(atMost());
                default -> amount + " " + unit.toLowerCase() + (amount == 1 ? "" : "s");
            };
        }
    }

    /** Splits at commas outside brackets and quotes. */
    private static List<String> splitTopLevel(String clause) {
        boolean[] top = topLevel(clause);
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < clause.length(); i++) {
            if (top[i] && clause.charAt(i) == ',') {
                parts.add(clause.substring(from, i).strip());
                from = i + 1;
            }
        }
        parts.add(clause.substring(from).strip());
        return parts;
    }

    /** Where the first of the words occurs outside brackets and quotes, or -1. */
    private static int firstTopLevel(String text, List<String> words) {
        boolean[] top = topLevel(text);
        for (int i = 0; i < text.length(); i++) {
            int at = i;
            if (top[i] && words.stream().anyMatch(w -> text.startsWith(w, at))) {
                return i;
            }
        }
        return -1;
    }

    /** For each character, whether it stands outside brackets and quoted strings (subqueries, literals). */
    private static boolean[] topLevel(String text) {
        boolean[] top = new boolean[text.length()];
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
                continue;
            }
            if (c == '\'') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else {
                top[i] = depth == 0;
            }
        }
        return top;
    }
}
