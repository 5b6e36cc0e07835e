package dev.sieve.sink.quarantine;

import dev.sieve.schemas.control.PartitionOffset;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.port.RecordDeletion;
import dev.sieve.sink.port.Rejection;
import dev.sieve.sink.store.QuarantineRecord;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.StoreFailure;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, once per deployment, what a quarantine or release on {@code sieve.control.quarantine} changes beyond the
 * writers (which every sink holds or resumes itself, see {@link Quarantines}): the readers' grants on the purpose's
 * tables in every region are revoked or given back, a discarding release deletes the held records from Kafka, and
 * each region's audit trail records who, when, why and what became of the grants.
 *
 * <p>A grant the store refuses (a server without access management, a sink user that may not pass the grants on)
 * does not stop the quarantine: the writers hold the purpose all the same, the audit trail says {@code failed} with
 * the store's redacted error, and {@code sieve audit} reports readers that still hold the grants.
 */
public final class QuarantineChanger {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineChanger.class);

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final RecordDeletion records;
    private final SinkMetrics metrics;
    private final Clock clock;

    public QuarantineChanger(TableCatalog catalog, RegionStores stores, RecordDeletion records, SinkMetrics metrics,
            Clock clock) {
        this.catalog = catalog;
        this.stores = stores;
        this.records = records;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies the record, or returns why it was rejected (then nothing changed). */
    public Optional<Rejection> apply(PurposeQuarantine q) {
        if (catalog.policy().purpose(q.getPurpose()).isEmpty()) {
            metrics.control(SinkMetrics.Control.QUARANTINE, SinkMetrics.Outcome.REJECTED);
            return Optional.of(new Rejection(DeadLetterReason.QUARANTINE_INVALID,
                    "the policy has no purpose " + abbreviate(q.getPurpose())));
        }
        Optional<PartitionOffset> foreign = q.getDiscardBefore().stream().filter(p -> catalog.tableForTopic(p.getTopic())
                .filter(t -> t.purpose().id().equals(q.getPurpose())).isEmpty()).findFirst();
        if (foreign.isPresent()) {
            metrics.control(SinkMetrics.Control.QUARANTINE, SinkMetrics.Outcome.REJECTED);
            return Optional.of(new Rejection(DeadLetterReason.QUARANTINE_INVALID, "a release of purpose "
                    + q.getPurpose() + " may only discard records of its own topics, not of "
                    + abbreviate(foreign.get().getTopic())));
        }
        boolean quarantine = q.getState() == QuarantineState.QUARANTINED;
        String discarded = discard(q);
        for (Store store : stores.all().values()) {
            String grants;
            String detail = discarded;
            try {
                if (quarantine) {
                    store.quarantines().revokeReaders(q.getPurpose());
                } else {
                    store.quarantines().grantReaders(q.getPurpose());
                }
                grants = quarantine ? "revoked" : "granted";
            } catch (StoreFailure f) {
                grants = "failed";
                detail = join(detail, (quarantine ? "readers' grants not revoked: " : "readers' grants not given back: ")
                        + f.getMessage());
                LOG.warn("purpose {}: {} the readers' grants failed in region {}: {}", q.getPurpose(),
                        quarantine ? "revoking" : "giving back", store.region(), f.getMessage());
            }
            store.quarantines().record(new QuarantineRecord(q.getPurpose(), quarantine ? "quarantined" : "released",
                    q.getReason(), q.getChangedBy(), q.getChangedAt(), clock.instant(), grants, detail));
        }
        metrics.control(SinkMetrics.Control.QUARANTINE, SinkMetrics.Outcome.APPLIED);
        LOG.info("purpose {} {}", q.getPurpose(), quarantine ? "quarantined" : "released");
        return Optional.empty();
    }

    /** Deletes what a discarding release left behind from Kafka; says so for the audit trail. */
    private String discard(PurposeQuarantine q) {
        if (q.getState() != QuarantineState.RELEASED || q.getDiscardBefore().isEmpty()) {
            return "";
        }
        Map<TopicPartition, Long> before = new LinkedHashMap<>();
        for (PartitionOffset p : q.getDiscardBefore()) {
            before.put(new TopicPartition(p.getTopic(), p.getPartition()), p.getOffset());
        }
        records.deleteBefore(before);
        return "held records discarded and deleted from Kafka in " + before.size() + " partitions";
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    /** Purpose names in control records come from ops; a typo'd one is kept short. */
    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
