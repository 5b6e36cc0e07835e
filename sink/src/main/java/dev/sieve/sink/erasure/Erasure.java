package dev.sieve.sink.erasure;

import dev.sieve.schemas.policy.IdentifierForm;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.TopicClass;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.ErasureEvent;
import dev.sieve.sink.store.ErasureStore.Pending;
import dev.sieve.sink.store.ErasureTask;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.SubjectRows;
import dev.sieve.sink.subject.SubjectIdentifiers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure (policy 5.1-5.2): deletes every stored row of a subject from every table that holds one of its
 * identifiers, in every region, raw tables by the identifiers and pseudonymous tables by the pseudonyms
 * under every key epoch a stored row may carry ({@link SubjectIdentifiers}).
 *
 * <p>The store deletes physically and returns when every replica is done ({@link SubjectRows#erase}), which is when
 * completion is recorded.
 *
 * <p>A subject under legal hold is not erased: the request is recorded as {@code deferred} and kept pending
 * until the hold is lifted; the store's deletes exclude held rows as well, so it would refuse anyway. The audit
 * trail records {@code requested}, then {@code deferred} or {@code completed} with the tables touched and rows
 * deleted; it names the request, never the subject.
 *
 * <p>Each completed erasure is swept once more after the purpose topics' retention ({@link #sweepDue()}):
 * records the anonymize stage emitted before it saw the request may still sit in a purpose topic and reach
 * the store after the first delete; once Kafka has expired them, the sweep removes whatever they added.
 */
public final class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    /** What an erasure request led to in one region. */
    public enum Outcome { COMPLETED, DEFERRED }

    /** The column of communication logs naming the other party, and what an erased subject's account becomes. */
    static final String PEER_ACCOUNT = "peer_account";
    public static final String ERASED_PEER = "[erased]";

    private final TableCatalog catalog;
    private final RegionStores stores;
    private final SubjectIdentifiers identifiers;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Duration sweepDelay;

    /**
     * @param sweepDelay how long after an erasure its follow-up sweep runs: the purpose topics' retention, after
     *                   which no record emitted before the erasure can still arrive
     */
    public Erasure(TableCatalog catalog, RegionStores stores, SubjectIdentifiers identifiers, SinkMetrics metrics,
            Clock clock, Duration sweepDelay) {
        this.catalog = catalog;
        this.stores = stores;
        this.identifiers = identifiers;
        this.metrics = metrics;
        this.clock = clock;
        this.sweepDelay = sweepDelay;
    }

    /** The purpose topics' retention: after it, no record emitted before an erasure can still arrive. */
    public static Duration sweepDelay(Policy policy) {
        return policy.topicRetention(TopicClass.PURPOSE);
    }

    /** Erases the subject in every region; returns what happened per region. */
    public Map<String, Outcome> erase(ErasureTask request) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Store store : stores.all().values()) {
            audit(store, request, "requested", List.of(), 0, "");
            outcomes.put(store.region(), eraseIn(store, request, true));
        }
        return outcomes;
    }

    /** Runs the erasures legal holds deferred, in every region; those still held stay deferred. */
    public void resumeDeferred() {
        for (Store store : stores.all().values()) {
            for (ErasureTask request : store.erasures().pending(Pending.DEFERRED, Optional.empty())) {
                eraseIn(store, request, true);
            }
        }
    }

    /** Runs the follow-up sweeps that are due, in every region. Cheap when none is: call it periodically. */
    public void sweepDue() {
        for (Store store : stores.all().values()) {
            for (ErasureTask request : store.erasures().pending(Pending.SWEEP, Optional.of(clock.instant()))) {
                eraseIn(store, request, false);
            }
        }
    }

    /** @param scheduleSweep whether a completed erasure gets its follow-up sweep (not when it is the sweep) */
    private Outcome eraseIn(Store store, ErasureTask request, boolean scheduleSweep) {
        try (SubjectRows rows = store.find(request.subject(), identifiers)) {
            if (rows.held()) {
                if (!store.erasures().isPending(request.requestId())) {
                    store.erasures().pend(request, Pending.DEFERRED, request.requestedAt());
                    audit(store, request, "deferred", List.of(), 0, "subject under legal hold");
                    metrics.control(SinkMetrics.Control.ERASURE, SinkMetrics.Outcome.DEFERRED);
                    LOG.info("erasure {} deferred: subject under legal hold", request.requestId());
                }
                return Outcome.DEFERRED;
            }
            List<String> tables = new ArrayList<>();
            long deleted = 0;
            for (TableLayout t : catalog.tables()) {
                long count = rows.erase(t);
                if (count > 0) {
                    tables.add(t.name());
                    deleted += count;
                }
            }
            long redacted = request.subject().subjectId().isEmpty() ? 0 : redactAsPeer(rows, tables);
            store.erasures().unpend(request.requestId());
            if (scheduleSweep) {
                store.erasures().pend(request, Pending.SWEEP, clock.instant().plus(sweepDelay));
            }
            String detail = (scheduleSweep ? "" : "follow-up sweep")
                    + (redacted == 0 ? "" : (scheduleSweep ? "" : "; ") + redacted + " peer_account values redacted");
            audit(store, request, "completed", tables, deleted, detail);
            metrics.control(SinkMetrics.Control.ERASURE, SinkMetrics.Outcome.COMPLETED);
            LOG.info("erasure {} completed: {} rows in {} tables", request.requestId(), deleted, tables.size());
            return Outcome.COMPLETED;
        }
    }

    /**
     * The subject also appears in other people's communication logs, as the account they talked to. Those rows
     * belong to the other person and stay; the subject's account in them is replaced by {@link #ERASED_PEER}.
     * Only raw {@code peer_account} columns exist in the default policy (analytics drops the field).
     *
     * @return how many values were redacted
     */
    private long redactAsPeer(SubjectRows rows, List<String> tables) {
        long redacted = 0;
        for (TableLayout t : catalog.tables()) {
            boolean rawPeer = t.columns().stream().anyMatch(c -> c.name().equals(PEER_ACCOUNT) && !c.pseudonym())
                    && t.purpose().identifiers() == IdentifierForm.RAW;
            if (!rawPeer) {
                continue;
            }
            long count = rows.redactPeer(t, PEER_ACCOUNT, ERASED_PEER);
            if (count > 0) {
                if (!tables.contains(t.name())) {
                    tables.add(t.name());
                }
                redacted += count;
            }
        }
        return redacted;
    }

    private void audit(Store store, ErasureTask r, String event, List<String> tables, long rows, String detail) {
        store.erasures().record(new ErasureEvent(r, event, clock.instant(), tables, rows, detail));
    }
}
