package dev.sieve.local.console;

import dev.sieve.local.demo.DemoTraffic;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** The line {@code ./sieve run} prints every few seconds: what the demo sent and how many rows each purpose stores. */
final class StatusLine {

    private StatusLine() {}

    /**
     * @param demo      what the demo traffic sent, when it runs
     * @param tableRows rows per table of the database
     */
    static String format(Duration elapsed, Optional<DemoTraffic.Stats> demo, Map<String, Long> tableRows,
            Policy policy) {
        StringBuilder line = new StringBuilder(String.format("[%5ds] ", elapsed.toSeconds()));
        demo.ifPresent(s -> line.append("demo events: ").append(s.generated()).append(" sent, ").append(s.accepted())
                .append(" accepted, ").append(s.rejected()).append(" rejected, ").append(s.dropped())
                .append(" dropped | "));
        StringJoiner purposes = new StringJoiner(", ");
        long total = 0;
        for (Purpose p : policy.purposes().values()) {
            long rows = 0;
            for (EventFamily f : p.families().keySet()) {
                rows += tableRows.getOrDefault(p.tableName(f), 0L);
            }
            purposes.add(p.id() + " " + rows);
            total += rows;
        }
        return line.append("rows stored: ").append(total).append(" (").append(purposes).append(')').toString();
    }
}
