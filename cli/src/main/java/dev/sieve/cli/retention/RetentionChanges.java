package dev.sieve.cli.retention;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.Poller;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.store.RetentionRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A retention change from the operator to the sink: checked here with the sink's own rules
 * ({@link SinkOperations#retentionRejection}), so a change the sink would reject is refused before it is published; then
 * published on {@code sieve.control.retention} keyed by table (the topic is compacted: the latest change per table
 * stays); then, if asked, followed until the sink's audit rows say what became of it in every region.
 */
public final class RetentionChanges {

    /** Whole days: the change record carries {@code retention_days}. */
    private static final Pattern DAYS = Pattern.compile("(\\d{1,9})d");

    /**
     * What the sink recorded, by region; {@code finished} once every region has a row or one rejected it.
     */
    public record Outcome(boolean finished, Map<String, Optional<RetentionRecord>> byRegion) {
        public boolean rejected() {
            return byRegion.values().stream().flatMap(Optional::stream).anyMatch(e -> e.outcome().equals("rejected"));
        }
    }

    private final Topics topics;
    private final Function<RetentionChange, Optional<String>> rules;

    /** @param rules why the sink would reject a change ({@link SinkOperations#retentionRejection}) */
    public RetentionChanges(Topics topics, Function<RetentionChange, Optional<String>> rules) {
        this.topics = topics;
        this.rules = rules;
    }

    /**
     * The change record, checked.
     *
     * @throws CliFailure exit 2 naming what is wrong: a retention not in days, a table the policy lacks, a
     *                    retention that is not positive or above {@code max_retention}, a blank author or reason
     */
    public RetentionChange request(String table, String retention, String by, String reason, Instant now) {
        Matcher m = DAYS.matcher(retention);
        if (!m.matches()) {
            throw CliFailure.usage("'" + retention + "' is not a retention in days: write e.g. 30d (the sink"
                    + " changes a table's retention in whole days)");
        }
        if (by.isBlank()) {
            throw CliFailure.usage("--by must name who changes the retention");
        }
        if (reason.isBlank()) {
            throw CliFailure.usage("--reason must say why the retention changes");
        }
        RetentionChange change = new RetentionChange(table, Integer.parseInt(m.group(1)), by,
                now.truncatedTo(ChronoUnit.MILLIS), reason);
        rules.apply(change).ifPresent(rejection -> {
            throw CliFailure.usage(rejection);
        });
        return change;
    }

    /** Publishes the change and returns once Kafka acknowledged it. */
    public RecordMetadata publish(ControlPublisher publisher, RetentionChange change) throws InterruptedException {
        TopicSpec<String, RetentionChange> topic = topics.retention();
        return publisher.publish(topic, change.getTable(), change);
    }

    /** Follows the sink's audit rows until every region recorded the change, one rejected it, or time is up. */
    public static Outcome await(Function<RetentionChange, Map<String, Optional<RetentionRecord>>> audit,
            RetentionChange change, Poller poller, Duration timeout) throws InterruptedException {
        Optional<Outcome> done = poller.until(timeout, () -> {
            Outcome now = new Outcome(false, audit.apply(change));
            boolean all = now.byRegion().values().stream().allMatch(Optional::isPresent);
            return all || now.rejected() ? Optional.of(new Outcome(true, now.byRegion())) : Optional.empty();
        });
        return done.orElseGet(() -> new Outcome(false, audit.apply(change)));
    }
}
