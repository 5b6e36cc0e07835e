package dev.sieve.cli.dlq;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What one replay run did (or, dry, would do), counted; it names topics, reasons and apps, never contents. */
final class ReplayReport {

    private final Map<String, Long> replayedByTopic = new TreeMap<>();
    private final Map<String, Long> failedAgainByReason = new TreeMap<>();
    private final Map<String, Long> leftByCause = new TreeMap<>();
    private long skippedByFilter;

    void replayed(String topic) {
        replayedByTopic.merge(topic, 1L, Long::sum);
    }

    void failedAgain(String reason) {
        failedAgainByReason.merge(reason, 1L, Long::sum);
    }

    void left(String cause) {
        leftByCause.merge(cause, 1L, Long::sum);
    }

    void skippedByFilter() {
        skippedByFilter++;
    }

    private long replayed() {
        return sum(replayedByTopic);
    }

    private long failedAgain() {
        return sum(failedAgainByReason);
    }

    private long left() {
        return sum(leftByCause);
    }

    String render(String deadLetterTopic, boolean dryRun, Optional<String> reason, boolean judgedHere) {
        String would = dryRun ? "would be " : "";
        StringBuilder out = new StringBuilder();
        out.append(deadLetterTopic).append(dryRun ? ": dry run, nothing written or committed" : "")
                .append(reason.map(r -> (dryRun ? ", " : ": ") + "reason " + r + " only").orElse("")).append('\n');
        out.append("  ").append(would).append("replayed: ").append(replayed()).append('\n');
        replayedByTopic.forEach((t, n) -> out.append("    ").append(t).append("  ").append(n).append('\n'));
        if (judgedHere) {
            out.append("  ").append(dryRun ? "would still fail" : "still failing").append(": ").append(failedAgain())
                    .append(failedAgain() == 0 ? "" : dryRun ? " (would be dead letters again, never replayed again)"
                            : " (dead letters again with the new reason, marked as failed replays: never replayed"
                            + " again)").append('\n');
            failedAgainByReason.forEach((r, n) -> out.append("    ").append(r).append("  ").append(n).append('\n'));
        } else if (replayed() > 0 && !dryRun) {
            out.append("  the stage judges them again; one that fails again returns to ").append(deadLetterTopic)
                    .append(" marked as a failed replay and is never replayed again (sieve dlq inspect)\n");
        }
        out.append("  not replayable, left in ").append(deadLetterTopic).append(": ").append(left()).append('\n');
        leftByCause.forEach((c, n) -> out.append("    ").append(c).append("  ").append(n).append('\n'));
        out.append("  skipped by the --reason filter (still pending): ").append(skippedByFilter).append('\n');
        return out.toString();
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
