package dev.sieve.sink.retention;

import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.policy.Durations;
import dev.sieve.schemas.policy.TopicClass;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sink.ddl.RetentionTtl;
import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SinkTables;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.ddl.Tsv;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.port.TopicRetention;
import dev.sieve.sink.write.RegionEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a retention change ops published on {@code sieve.control.retention} (policy 6.2): the table's TTL
 * in every region ({@code ALTER TABLE ... MODIFY TTL}, which also re-evaluates existing parts), then its
 * purpose topic's {@code retention.ms}, and records who changed what, when, old to new, in
 * {@link SinkTables#RETENTION_AUDIT}.
 *
 * <p>The topic keeps {@code min(policy's purpose topic retention, new table retention)}: Kafka must never keep
 * a purpose's data longer than its table may, and lengthening a table does not lengthen the topic beyond the
 * policy's own bound.
 *
 * <p>A change for a table the policy does not define, with a non-positive retention or beyond the policy's
 * {@code max_retention} is rejected: recorded in the audit table with outcome {@code rejected} and returned
 * so the caller dead-letters it. Nothing is altered then.
 */
public final class RetentionChanger {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionChanger.class);

    /** Why a change was rejected. */
    public record Rejection(DeadLetterReason reason, String detail) {}

    private final TableCatalog catalog;
    private final SchemaOptions options;
    private final RegionEndpoints endpoints;
    private final TopicRetention topics;
    private final SinkMetrics metrics;
    private final Clock clock;

    public RetentionChanger(TableCatalog catalog, SchemaOptions options, RegionEndpoints endpoints,
            TopicRetention topics, SinkMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.options = options;
        this.endpoints = endpoints;
        this.topics = topics;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies the change, or returns why it was rejected. */
    public Optional<Rejection> apply(RetentionChange change) {
        Optional<Rejection> rejection = check(catalog, change);
        if (rejection.isPresent()) {
            for (ClickHouseGateway ch : endpoints.all().values()) {
                audit(ch, change, "rejected", "", Optional.empty(), rejection.get().detail());
            }
            metrics.control(SinkMetrics.Control.RETENTION, SinkMetrics.Outcome.REJECTED);
            LOG.warn("retention change rejected: {}", rejection.get().detail());
            return rejection;
        }
        TableLayout table = catalog.table(change.getTable()).orElseThrow();
        Duration retention = Duration.ofDays(change.getRetentionDays());
        Duration topicRetention = min(catalog.policy().topicRetention(TopicClass.PURPOSE), retention);
        for (ClickHouseGateway ch : endpoints.all().values()) {
            String old = live(ch, options, table).map(Durations::format).orElse("unknown");
            ch.execute("ALTER TABLE " + options.storage(table.name()) + options.onCluster() + " MODIFY TTL "
                    + RetentionTtl.expression(table, retention, options));
            audit(ch, change, "applied", old, Optional.of(topicRetention),
                    Optional.ofNullable(change.getReason()).orElse(""));
        }
        topics.set(catalog.topic(table).name(), topicRetention);
        metrics.control(SinkMetrics.Control.RETENTION, SinkMetrics.Outcome.APPLIED);
        LOG.info("retention of {} set to {} (topic {})", table.name(), Durations.format(retention),
                Durations.format(topicRetention));
        return Optional.empty();
    }

    /**
     * The rules every change must pass, the same wherever it is checked: the sink applying it, or the operator's
     * command line before publishing it. Messages name the table, never more than 64 characters of it.
     */
    public static Optional<Rejection> check(TableCatalog catalog, RetentionChange change) {
        if (catalog.table(change.getTable()).isEmpty()) {
            return Optional.of(new Rejection(DeadLetterReason.RETENTION_INVALID, "the policy defines no table "
                    + abbreviate(change.getTable())));
        }
        if (change.getRetentionDays() <= 0) {
            return Optional.of(new Rejection(DeadLetterReason.RETENTION_INVALID, "retention of " + change.getTable()
                    + " must be at least 1 day, got " + change.getRetentionDays()));
        }
        Duration max = catalog.policy().maxRetention();
        if (Duration.ofDays(change.getRetentionDays()).compareTo(max) > 0) {
            return Optional.of(new Rejection(DeadLetterReason.RETENTION_ABOVE_MAX, "retention of " + change.getTable()
                    + " cannot be " + change.getRetentionDays() + "d: the policy's max_retention is "
                    + Durations.format(max)));
        }
        return Optional.empty();
    }

    /**
     * The retention the table's TTL applies now on this endpoint, read from its stored definition
     * ({@code system.tables.create_table_query} of the storage table); empty when the table does not exist or
     * has no TTL the sink wrote.
     */
    public static Optional<Duration> live(ClickHouseGateway ch, SchemaOptions options, TableLayout table) {
        List<List<String>> rows = Tsv.parse(ch.query("SELECT create_table_query FROM system.tables WHERE database = "
                + SqlLiteral.string(options.database()) + " AND name = "
                + SqlLiteral.string(options.storage(table.name()).substring(options.database().length() + 1)), "TSV"));
        return rows.isEmpty() ? Optional.empty() : RetentionTtl.parse(rows.get(0).get(0));
    }

    private void audit(ClickHouseGateway ch, RetentionChange c, String outcome, String old,
            Optional<Duration> topicRetention, String detail) {
        ch.execute("INSERT INTO " + options.qualified(SinkTables.RETENTION_AUDIT) + " (table_name, outcome,"
                + " old_retention, new_retention, topic_retention_ms, changed_by, changed_at, recorded_at, detail)"
                + " VALUES (" + SqlLiteral.string(abbreviate(c.getTable())) + ", " + SqlLiteral.string(outcome) + ", "
                + SqlLiteral.string(old) + ", " + SqlLiteral.string(c.getRetentionDays() + "d") + ", "
                + topicRetention.map(d -> Long.toString(d.toMillis())).orElse("NULL") + ", "
                + SqlLiteral.string(c.getChangedBy()) + ", " + SqlLiteral.time(c.getChangedAt()) + ", " + SqlLiteral.time(clock.instant()) + ", "
                + SqlLiteral.string(detail) + ")");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Table names come from ops; a typo'd one is kept short in audit rows and messages. */
    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
