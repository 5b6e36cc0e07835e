package dev.sieve.sink.adapter;

import dev.sieve.sink.port.PollHandler;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The life of a thread that owns a Kafka consumer: the handler subscribes, polls until {@link #close()}, then takes
 * its last step, and the consumer is closed. {@link #close()} wakes a blocked poll and waits until the loop has
 * stopped; a failure leaves the loop without the last step, so nothing more is committed.
 */
public final class ConsumerLoop implements Runnable, AutoCloseable {

    private final Consumer<byte[], byte[]> consumer;
    private final PollHandler handler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean started;

    /** @param consumer the consumer the handler polls: the loop wakes and closes it */
    public ConsumerLoop(Consumer<byte[], byte[]> consumer, PollHandler handler) {
        this.consumer = consumer;
        this.handler = handler;
    }

    @Override
    public void run() {
        started = true;
        try {
            handler.subscribe();
            while (!closing) {
                try {
                    handler.pollOnce();
                } catch (WakeupException e) {
                    // close() woke us
                }
                if (!closing) {
                    handler.afterPoll();
                }
            }
            handler.onStop();
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
