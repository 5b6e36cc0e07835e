package dev.sieve.sink.adapter;

import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The life of a thread that owns a Kafka consumer: subscribe, poll until {@link #close()}, then a last step
 * and the consumer's close. {@link #close()} wakes a blocked poll and waits until the loop has stopped; a
 * failure leaves the loop without the last step, so nothing more is committed.
 */
public abstract class ConsumerLoop implements Runnable, AutoCloseable {

    protected final Consumer<byte[], byte[]> consumer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean started;

    protected ConsumerLoop(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Subscribes the consumer; runs on the loop's thread. */
    protected abstract void subscribe();

    /** One poll and what follows from it. */
    protected abstract void pollOnce();

    /** After each poll, woken or not, while the loop goes on. */
    protected void afterPoll() {}

    /** Once, after {@link #close()} ended the loop normally. */
    protected void onStop() {}

    protected final boolean closing() {
        return closing;
    }

    @Override
    public final void run() {
        started = true;
        try {
            subscribe();
            while (!closing) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    // close() woke us
                }
                if (!closing) {
                    afterPoll();
                }
            }
            onStop();
        } finally {
            // Stopping on purpose leaves the group, so a static member's partitions move at once; after a failure
            // the member stays until its session expires and a restart under the same kafka.instance-id takes
            // them back without a rebalance.
            consumer.close(CloseOptions.groupMembershipOperation(closing ? GroupMembershipOperation.LEAVE_GROUP
                    : GroupMembershipOperation.DEFAULT));
            stopped.countDown();
        }
    }

    /** Stops the loop and waits for it. */
    @Override
    public void close() {
        closing = true;
        if (!started) {
            return;
        }
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
