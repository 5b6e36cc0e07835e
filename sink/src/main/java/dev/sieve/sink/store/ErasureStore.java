package dev.sieve.sink.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Erasure's own state in one region: the audit trail, and the erasures waiting for a hold to lift or for their
 * follow-up sweep. Each region reads and writes only its own.
 */
public interface ErasureStore {

    /** Why an erasure waits. */
    enum Pending {
        /** A legal hold covers the subject: it runs when the hold is lifted. */
        DEFERRED,
        /** Completed; swept once more when no record emitted before it can still arrive. */
        SWEEP
    }

    /** Keeps the task (with the subject's raw identifiers, until it runs) as waiting. */
    void pend(ErasureTask task, Pending why, Instant dueAt);

    /** The waiting tasks; for sweeps only those due by {@code dueBy} when given. */
    List<ErasureTask> pending(Pending why, Optional<Instant> dueBy);

    /** Whether the request waits for any reason. */
    boolean isPending(String requestId);

    /** Forgets every wait of the request. */
    void unpend(String requestId);

    /** Audits one event of an erasure; names the request, never the subject. */
    void record(ErasureEvent event);

    /** The request's latest audit event; empty when the request is unknown. */
    Optional<ErasureState> latest(String requestId);
}
