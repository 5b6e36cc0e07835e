package dev.sieve.sink.write;

import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.store.StoreFailure;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a store call, retrying {@link StoreFailure.Kind#TRANSIENT} failures per the policy. */
public final class Retrying {

    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final SinkMetrics metrics;

    public Retrying(RetryPolicy policy, Sleeper sleeper, SinkMetrics metrics) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    public void run(String table, Runnable call) {
        get(table, () -> {
            call.run();
            return null;
        });
    }

    /** @throws StoreFailure the last failure when it is not transient or attempts are exhausted */
    public <T> T get(String table, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StoreFailure f) {
                if (f.kind() != StoreFailure.Kind.TRANSIENT || attempt >= policy.maxAttempts()) {
                    throw f;
                }
                LOG.warn("ClickHouse call for table {} failed (attempt {} of {}), retrying: {}", table, attempt,
                        policy.maxAttempts(), f.getMessage());
                metrics.retried(table);
                try {
                    sleeper.sleep(policy.backoff(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw f;
                }
            }
        }
    }
}
