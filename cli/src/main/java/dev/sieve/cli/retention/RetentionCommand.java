package dev.sieve.cli.retention;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.cli.operate.HelpOption;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.cli.operate.Poller;
import dev.sieve.cli.operate.WaitTimeout;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.sink.SinkOperations;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve retention show|set}: table retention as the policy, ClickHouse and Kafka have it; changing it. */
@Command(name = "retention", description = "Table retention: where it stands, and changing it at run time.",
        subcommands = {RetentionCommand.Show.class, RetentionCommand.Set.class})
public final class RetentionCommand {

    @Mixin
    HelpOption help;

    @Command(name = "show", description = "For every table: the policy's retention, the TTL in each region, the"
            + " purpose topic's retention.ms and the last change the sink recorded.")
    static final class Show extends OperatorCommand {
        @Override
        protected int run() throws InterruptedException {
            Map<String, Object> props = new HashMap<>(configuration().kafkaClient());
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    (int) RetentionReport.KAFKA_TIMEOUT.toMillis());
            try (SinkOperations sink = operations(); Admin admin = Admin.create(props)) {
                List<RetentionReport.Row> rows = new RetentionReport(sink, admin).rows();
                out().print(RetentionReport.format(rows, sink.regions()));
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Change a table's retention: checked against the policy here, published"
            + " on sieve.control.retention, applied by the sink in every region (TTL, topic retention, audit).")
    static final class Set extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "TABLE", description = "A table of the policy, e.g. security_device.")
        String table;

        @Parameters(index = "1", paramLabel = "DURATION", description = "Whole days, e.g. 30d.")
        String retention;

        @Option(names = "--by", required = true, paramLabel = "WHO", description = "Who changes it (audited).")
        String by;

        @Option(names = "--reason", required = true, paramLabel = "WHY", description = "Why (audited).")
        String reason;

        @Option(names = "--wait", description = "Wait until the sink recorded the change in every region.")
        boolean await;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = WaitTimeout.DEFAULT,
                converter = WaitTimeout.class, description = "How long --wait waits (default ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        protected int run() throws InterruptedException {
            RetentionChange change;
            RetentionChanges changes;
            try (SinkOperations sink = operations()) {
                changes = new RetentionChanges(context().topics(), sink::retentionRejection);
                change = changes.request(table, retention, by, reason, Clock.systemUTC().instant());
            }
            RecordMetadata sent;
            try (ControlPublisher publisher = new ControlPublisher(configuration().kafkaClient())) {
                sent = changes.publish(publisher, change);
            }
            out().println("published: retention of " + change.getTable() + " to " + change.getRetentionDays()
                    + "d (" + sent.topic() + " partition " + sent.partition() + " offset " + sent.offset() + ")");
            if (!await) {
                out().println("the sink applies it in every region; see sieve retention show");
                return 0;
            }
            RetentionChanges.Outcome outcome;
            try (SinkOperations sink = operations()) {
                outcome = RetentionChanges.await(sink::retentionOutcome, change, Poller.real(), timeout);
            }
            List<String> pending = report(outcome);
            if (outcome.rejected()) {
                throw CliFailure.failed("the sink rejected the change");
            }
            if (!outcome.finished()) {
                throw CliFailure.failed("the sink has not recorded the change in " + String.join(", ", pending)
                        + " after " + WaitTimeout.format(timeout) + ": is it running? The change is on the topic and"
                        + " is applied when the sink reads it");
            }
            return 0;
        }

        /** Prints each region's outcome; returns the regions without one. */
        private List<String> report(RetentionChanges.Outcome outcome) {
            outcome.byRegion().forEach((region, entry) -> out().println(region + ": " + entry.map(e ->
                    e.outcome().equals("applied")
                            ? "applied " + e.oldRetention() + " -> " + e.newRetention() + ", topic retention "
                            + e.topicRetentionMs().map(RetentionReport::millis).orElse("unchanged")
                            : "rejected: " + e.detail()).orElse("not recorded yet")));
            return outcome.byRegion().entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                    .toList();
        }
    }
}
