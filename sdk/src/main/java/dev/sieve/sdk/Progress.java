package dev.sieve.sdk;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters a client and its sender thread share, and the signals between them: how many events were
 * queued and how many are settled (sent, rejected or dropped after being queued), what {@code flush()} waits
 * for, and whether the client is closing.
 */
final class Progress {

    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    /** Queued events that are sent, rejected or dropped; events leave the queue in order, so this is a prefix. */
    private long settled;
    /** The sender skips its linger while settled is below this. */
    private long flushTarget;
    private volatile boolean closing;

    void queued() {
        queued.incrementAndGet();
    }

    /** An event that never made it into the queue (full, or client closed). */
    void droppedBeforeQueue() {
        dropped.incrementAndGet();
    }

    void retried() {
        retried.incrementAndGet();
    }

    /** Events that left the queue and are done with: counted, and flush() waiters woken. */
    void settle(long sentCount, long rejectedCount, long droppedCount) {
        sent.addAndGet(sentCount);
        rejected.addAndGet(rejectedCount);
        dropped.addAndGet(droppedCount);
        synchronized (this) {
            settled += sentCount + rejectedCount + droppedCount;
            notifyAll();
        }
    }

    /**
     * Waits until every event queued before the call is settled.
     *
     * @return whether that happened within the timeout
     */
    boolean awaitSettled(long timeoutNanos) throws InterruptedException {
        long target = queued.get();
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (this) {
            flushTarget = Math.max(flushTarget, target);
            while (settled < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    synchronized boolean flushRequested() {
        return settled < flushTarget;
    }

    void close() {
        closing = true;
    }

    boolean closing() {
        return closing;
    }

    ClientStats stats() {
        long settledNow;
        synchronized (this) {
            settledNow = settled;
        }
        return new ClientStats(sent.get(), rejected.get(), dropped.get(), retried.get(),
                Math.max(0, queued.get() - settledNow));
    }
}
