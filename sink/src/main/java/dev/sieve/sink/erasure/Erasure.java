package dev.sieve.sink.erasure;

import dev.sieve.schemas.policy.IdentifierForm;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.TopicClass;
import dev.sieve.sink.ddl.HoldPredicate;
import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.ddl.SinkTables;
import dev.sieve.sink.ddl.SqlLiteral;
import dev.sieve.sink.ddl.Tsv;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.subject.SubjectIdentifiers.Subject;
import dev.sieve.sink.subject.SubjectLookup;
import dev.sieve.sink.write.RegionEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Rows go with {@code ALTER TABLE ... DELETE} and {@code mutations_sync = 2}: the mutation rewrites the
 * parts, so the data is physically gone (a lightweight {@code DELETE} only masks rows until a merge) and the
 * statement returns only when every replica is done, which is when completion is recorded.
 *
 * <p>A subject under legal hold is not erased: the request is recorded as {@code deferred} and kept in
 * {@link SinkTables#ERASURE_PENDING} until the hold is lifted; the delete statements exclude held rows as
 * well, so ClickHouse would refuse anyway. The audit table records {@code requested}, then {@code deferred}
 * or {@code completed} with the tables touched and rows deleted; it names the request, never the subject.
 *
 * <p>Each completed erasure is swept once more after the purpose topics' retention ({@link #sweepDue()}):
 * records the anonymize stage emitted before it saw the request may still sit in a purpose topic and reach
 * ClickHouse after the first delete; once Kafka has expired them, the sweep removes whatever they added.
 */
public final class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    /** What an erasure request led to in one region. */
    public enum Outcome { COMPLETED, DEFERRED }

    /** The column of communication logs naming the other party, and what an erased subject's account becomes. */
    static final String PEER_ACCOUNT = "peer_account";
    public static final String ERASED_PEER = "[erased]";

    /** Rows of {@link SinkTables#ERASURE_PENDING}: erasures waiting for a hold to lift, and follow-up sweeps. */
    static final String DEFERRED = "deferred";
    static final String SWEEP = "sweep";

    private static final List<String> PENDING_COLUMNS = List.of("request_id", "region", "kind", "subject_id", "device_id",
            "requested_by", "requested_at", "due_at");

    /** The request as the sink needs it. */
    public record Request(String requestId, Subject subject, String requestedBy, Instant requestedAt) {}

    private final TableCatalog catalog;
    private final SchemaOptions options;
    private final RegionEndpoints endpoints;
    private final SubjectIdentifiers identifiers;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Duration sweepDelay;

    /**
     * @param sweepDelay how long after an erasure its follow-up sweep runs: the purpose topics' retention, after
     *                   which no record emitted before the erasure can still arrive
     */
    public Erasure(TableCatalog catalog, SchemaOptions options, RegionEndpoints endpoints,
            SubjectIdentifiers identifiers, SinkMetrics metrics, Clock clock, Duration sweepDelay) {
        this.catalog = catalog;
        this.options = options;
        this.endpoints = endpoints;
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
    public Map<String, Outcome> erase(Request request) {
        Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            Region region = new Region(e.getKey(), e.getValue());
            audit(region, request, "requested", List.of(), 0, "");
            outcomes.put(e.getKey(), eraseIn(region, request, true));
        }
        return outcomes;
    }

    /** Runs the erasures legal holds deferred, in every region; those still held stay deferred. */
    public void resumeDeferred() {
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            Region region = new Region(e.getKey(), e.getValue());
            for (Request request : pendingOf(region, DEFERRED, "")) {
                eraseIn(region, request, true);
            }
        }
    }

    /** Runs the follow-up sweeps that are due, in every region. Cheap when none is: call it periodically. */
    public void sweepDue() {
        for (Map.Entry<String, ClickHouseGateway> e : endpoints.all().entrySet()) {
            Region region = new Region(e.getKey(), e.getValue());
            for (Request request : pendingOf(region, SWEEP, " AND due_at <= " + SqlLiteral.time(clock.instant()))) {
                eraseIn(region, request, false);
            }
        }
    }

    /**
     * A region and its ClickHouse. Two regions may share one server (and so its tables): each region's erasure
     * deletes, counts, audits and sweeps only the rows of its own region, so every region reports its own rows.
     */
    private record Region(String id, ClickHouseGateway ch) {
        /** {@code AND region = '<id>'} for a table with a region column; a table without one is the region's. */
        String rowsOf(TableLayout t) {
            return t.column(TableLayout.REGION).isPresent()
                    ? " AND " + TableLayout.REGION + " = " + SqlLiteral.string(id) : "";
        }
    }

    private List<Request> pendingOf(Region region, String kind, String andWhere) {
        List<Request> requests = new ArrayList<>();
        for (List<String> r : Tsv.parse(region.ch().query("SELECT request_id, subject_id, device_id, requested_by,"
                + " toUnixTimestamp64Milli(requested_at) FROM " + options.qualified(SinkTables.ERASURE_PENDING)
                + " WHERE kind = " + SqlLiteral.string(kind) + " AND " + SinkTables.ofRegion(region.id()) + andWhere,
                "TSV"))) {
            requests.add(new Request(r.get(0), new Subject(Optional.ofNullable(r.get(1)),
                    Optional.ofNullable(r.get(2))), r.get(3), Instant.ofEpochMilli(Long.parseLong(r.get(4)))));
        }
        return requests;
    }

    /** @param scheduleSweep whether a completed erasure gets its follow-up sweep (not when it is the sweep) */
    private Outcome eraseIn(Region region, Request request, boolean scheduleSweep) {
        ClickHouseGateway ch = region.ch();
        try (SubjectLookup lookup = SubjectLookup.open(ch, options, identifiers, request.subject())) {
            if (lookup.held()) {
                if (!pending(region, request.requestId())) {
                    pend(region, request, DEFERRED, request.requestedAt());
                    audit(region, request, "deferred", List.of(), 0, "subject under legal hold");
                    metrics.control(SinkMetrics.Control.ERASURE, SinkMetrics.Outcome.DEFERRED);
                    LOG.info("erasure {} deferred: subject under legal hold", request.requestId());
                }
                return Outcome.DEFERRED;
            }
            List<String> tables = new ArrayList<>();
            long rows = 0;
            for (TableLayout t : catalog.tables()) {
                Optional<String> where = lookup.rowsOf(t, true).map(w -> w + region.rowsOf(t));
                if (where.isEmpty()) {
                    continue;
                }
                long count = Long.parseLong(ch.query("SELECT count() FROM " + options.qualified(t.name())
                        + " WHERE " + where.get(), "TSV").strip());
                if (count > 0) {
                    ch.execute("ALTER TABLE " + options.storage(t.name()) + options.onCluster() + " DELETE WHERE "
                            + where.get() + " SETTINGS mutations_sync = 2");
                    tables.add(t.name());
                    rows += count;
                }
            }
            long redacted = redactAsPeer(region, lookup, request.subject(), tables);
            ch.execute("ALTER TABLE " + options.qualified(SinkTables.ERASURE_PENDING) + options.onCluster()
                    + " DELETE WHERE request_id = " + SqlLiteral.string(request.requestId()) + " AND "
                    + SinkTables.ofRegion(region.id()) + " SETTINGS mutations_sync = 2");
            if (scheduleSweep) {
                pend(region, request, SWEEP, clock.instant().plus(sweepDelay));
            }
            String detail = (scheduleSweep ? "" : "follow-up sweep")
                    + (redacted == 0 ? "" : (scheduleSweep ? "" : "; ") + redacted + " peer_account values redacted");
            audit(region, request, "completed", tables, rows, detail);
            metrics.control(SinkMetrics.Control.ERASURE, SinkMetrics.Outcome.COMPLETED);
            LOG.info("erasure {} completed: {} rows in {} tables", request.requestId(), rows, tables.size());
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
    private long redactAsPeer(Region region, SubjectLookup lookup, Subject subject, List<String> tables) {
        ClickHouseGateway ch = region.ch();
        if (subject.subjectId().isEmpty()) {
            return 0;
        }
        long redacted = 0;
        for (TableLayout t : catalog.tables()) {
            boolean rawPeer = t.columns().stream().anyMatch(c -> c.name().equals(PEER_ACCOUNT) && !c.pseudonym())
                    && t.purpose().identifiers() == IdentifierForm.RAW;
            if (!rawPeer) {
                continue;
            }
            String where = lookup.holdsSubjectId(PEER_ACCOUNT)
                    + HoldPredicate.notHeld(t, options).map(h -> " AND " + h).orElse("") + region.rowsOf(t);
            long count = Long.parseLong(ch.query("SELECT count() FROM " + options.qualified(t.name()) + " WHERE "
                    + where, "TSV").strip());
            if (count > 0) {
                ch.execute("ALTER TABLE " + options.storage(t.name()) + options.onCluster() + " UPDATE " + PEER_ACCOUNT
                        + " = " + SqlLiteral.string(ERASED_PEER) + " WHERE " + where + " SETTINGS mutations_sync = 2");
                if (!tables.contains(t.name())) {
                    tables.add(t.name());
                }
                redacted += count;
            }
        }
        return redacted;
    }

    /** The subject's raw identifiers go in as insert data, never as statement text ({@link SubjectLookup}). */
    private void pend(Region region, Request request, String kind, Instant dueAt) {
        region.ch().insert(Tsv.insert(options.qualified(SinkTables.ERASURE_PENDING), PENDING_COLUMNS, List.of(
                Arrays.asList(request.requestId(), region.id(), kind, request.subject().subjectId().orElse(null),
                        request.subject().deviceId().orElse(null), request.requestedBy(),
                        Tsv.time(request.requestedAt()), Tsv.time(dueAt)))));
    }

    private boolean pending(Region region, String requestId) {
        return !region.ch().query("SELECT 1 FROM " + options.qualified(SinkTables.ERASURE_PENDING)
                + " WHERE request_id = " + SqlLiteral.string(requestId) + " AND " + SinkTables.ofRegion(region.id())
                + " LIMIT 1", "TSV").isBlank();
    }

    private void audit(Region region, Request r, String event, List<String> tables, long rows, String detail) {
        region.ch().execute("INSERT INTO " + options.qualified(SinkTables.ERASURE_AUDIT)
                + " (request_id, region, event, requested_by, requested_at, at, tables, rows_deleted, detail) VALUES ("
                + SqlLiteral.string(r.requestId()) + ", " + SqlLiteral.string(region.id()) + ", "
                + SqlLiteral.string(event) + ", "
                + SqlLiteral.string(r.requestedBy()) + ", " + SqlLiteral.time(r.requestedAt()) + ", "
                + SqlLiteral.time(clock.instant()) + ", " + SqlLiteral.array(tables) + ", " + rows + ", "
                + SqlLiteral.string(detail) + ")");
    }
}
