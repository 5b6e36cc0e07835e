package dev.sieve.sink.retention;

import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.policy.Durations;
import dev.sieve.schemas.policy.TopicClass;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.Rejection;
import dev.sieve.sink.port.TopicRetention;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.RetentionRecord;
import dev.sieve.sink.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a retention change ops published on {@code sieve.control.retention} (policy 6.2): the table's retention
 * in every region's store (which re-evaluates existing rows), then its purpose topic's {@code retention.ms}, and
 * records who changed what, when, old to new, in the store's retention audit trail.
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

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final TopicRetention topics;
    private final SinkMetrics metrics;
    private final Clock clock;

    public RetentionChanger(TableCatalog catalog, RegionStores stores, TopicRetention topics, SinkMetrics metrics,
            Clock clock) {
        this.catalog = catalog;
        this.stores = stores;
        this.topics = topics;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies the change, or returns why it was rejected. */
    public Optional<Rejection> apply(RetentionChange change) {
        Optional<Rejection> rejection = check(catalog, change);
        if (rejection.isPresent()) {
            for (Store store : stores.all().values()) {
                audit(store, change, "rejected", "", Optional.empty(), rejection.get().detail());
            }
            metrics.control(SinkMetrics.Control.RETENTION, SinkMetrics.Outcome.REJECTED);
            LOG.warn("retention change rejected: {}", rejection.get().detail());
            return rejection;
        }
        TableLayout table = catalog.table(change.getTable()).orElseThrow();
        Duration retention = Duration.ofDays(change.getRetentionDays());
        Duration topicRetention = min(catalog.policy().topicRetention(TopicClass.PURPOSE), retention);
        for (Store store : stores.all().values()) {
            String old = store.retention().current(table).map(Durations::format).orElse("unknown");
            store.retention().set(table, retention);
            audit(store, change, "applied", old, Optional.of(topicRetention),
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

    private void audit(Store store, RetentionChange c, String outcome, String old,
            Optional<Duration> topicRetention, String detail) {
        store.retention().record(new RetentionRecord(abbreviate(c.getTable()), outcome, old,
                c.getRetentionDays() + "d", topicRetention.map(Duration::toMillis), c.getChangedBy(),
                c.getChangedAt(), clock.instant(), detail));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Table names come from ops; a typo'd one is kept short in audit rows and messages. */
    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
