package dev.sieve.cli.retention;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.TextTable;
import dev.sieve.schemas.policy.Durations;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.store.RetentionRecord;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Where every table's retention stands: what the policy says, the TTL each region's ClickHouse applies now
 * (read back from the table definition, as the sink does before changing it), the purpose topic's
 * {@code retention.ms} on the broker, and the last change the sink recorded.
 */
public final class RetentionReport {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One table.
     *
     * @param live        by region: the TTL's retention; empty when the table is missing or has no TTL
     * @param topicMs     the purpose topic's {@code retention.ms} ({@code -1}: unlimited); empty when it is missing
     * @param lastChange  the most recent audit row of any region
     */
    public record Row(String table, Duration policy, Map<String, Optional<Duration>> live, String topic,
            Optional<Long> topicMs, Optional<RetentionRecord> lastChange) {}

    private final SinkOperations sink;
    private final Admin admin;

    public RetentionReport(SinkOperations sink, Admin admin) {
        this.sink = sink;
        this.admin = admin;
    }

    public List<Row> rows() throws InterruptedException {
        Map<String, Optional<Long>> topics = topicRetention();
        List<Row> rows = new ArrayList<>();
        for (SinkOperations.Table t : sink.tables()) {
            Optional<RetentionRecord> last = sink.lastRetentionChange(t.name()).values().stream()
                    .flatMap(Optional::stream).max(Comparator.comparing(RetentionRecord::recordedAt));
            rows.add(new Row(t.name(), t.retention(), sink.retention(t.name()), t.topic(), topics.get(t.topic()),
                    last));
        }
        return rows;
    }

    private Map<String, Optional<Long>> topicRetention() throws InterruptedException {
        Map<ConfigResource, String> resources = new LinkedHashMap<>();
        for (SinkOperations.Table t : sink.tables()) {
            resources.put(new ConfigResource(ConfigResource.Type.TOPIC, t.topic()), t.topic());
        }
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(resources.keySet()).values();
        Map<String, Optional<Long>> out = new LinkedHashMap<>();
        for (Map.Entry<ConfigResource, String> r : resources.entrySet()) {
            try {
                ConfigEntry entry = configs.get(r.getKey()).get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(TopicConfig.RETENTION_MS_CONFIG);
                out.put(r.getValue(), Optional.ofNullable(entry).map(ConfigEntry::value).map(Long::parseLong));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw CliFailure.failed("Kafka could not describe " + r.getValue() + ": "
                            + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
                }
                out.put(r.getValue(), Optional.empty());
            } catch (TimeoutException e) {
                throw CliFailure.failed("Kafka did not describe " + r.getValue() + " within "
                        + KAFKA_TIMEOUT.toSeconds() + "s");
            }
        }
        return out;
    }

    /** The report as a table: one line per table, one column per region. */
    public static String format(List<Row> rows, List<String> regions) {
        List<String> header = new ArrayList<>(List.of("TABLE", "POLICY"));
        regions.forEach(r -> header.add(r.toUpperCase(Locale.ROOT)));
        header.addAll(List.of("TOPIC", "LAST CHANGE"));
        TextTable table = new TextTable(header);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.table(), Durations.format(r.policy())));
            regions.forEach(region -> cells.add(r.live().getOrDefault(region, Optional.empty())
                    .map(Durations::format).orElse("-")));
            cells.add(r.topicMs().map(RetentionReport::millis).orElse("missing"));
            cells.add(r.lastChange().map(RetentionReport::change).orElse("-"));
            table.row(cells);
        }
        return table + "(region columns: the TTL ClickHouse applies now, '-' where the table or its TTL is missing:"
                + " run sieve ddl apply; TOPIC: retention.ms of the purpose topic)\n";
    }

    static String millis(long ms) {
        if (ms < 0) {
            return "unlimited";
        }
        if (ms > 0 && ms % Duration.ofHours(1).toMillis() == 0) {
            return Durations.format(Duration.ofMillis(ms));
        }
        return ms + "ms";
    }

    static String change(RetentionRecord e) {
        String what = e.outcome().equals("applied") ? e.oldRetention() + " -> " + e.newRetention()
                : e.newRetention();
        return e.changedAt().truncatedTo(ChronoUnit.SECONDS) + " " + e.changedBy() + " " + what + " " + e.outcome()
                + (e.detail().isEmpty() ? "" : ": " + e.detail());
    }
}
