package dev.sieve.sink.write;

import dev.sieve.sdk.RetryPolicy;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.store.StoreFailure;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a store call, retrying {@link StoreFailure.Kind#TRANSIENT} failures per the policy, waiting its
 * {@link RetryPolicy#backoff(int) backoff bound} between attempts. After the last attempt the sink stops without
 * committing, so nothing is lost; an orchestrator restarts it.
 */
public final class Retrying {

    /**
     * 8 attempts, from 200 ms doubling up to 10 s: about 40 s of trying, well inside the consumer's 5 min
     * max.poll.interval.ms.
     */
    public static final RetryPolicy DEFAULT_POLICY = RetryPolicy.builder().maxAttempts(8)
            .initialBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10)).build();

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
