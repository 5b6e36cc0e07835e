package dev.sieve.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.sdk.RetryPolicy;
import dev.sieve.sink.clickhouse.ClickHouseErrors;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.store.StoreFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingTest {

    final List<Duration> sleeps = new ArrayList<>();
    final SinkMetrics metrics = SinkMetrics.inMemory();
    final Retrying retrying = new Retrying(RetryPolicy.builder().maxAttempts(4)
            .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(250)).build(),
            sleeps::add, metrics);

    @Test
    void transientFailuresAreRetriedWithExponentialBackoff() {
        AtomicInteger calls = new AtomicInteger();
        String result = retrying.get("t", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new StoreFailure(StoreFailure.Kind.TRANSIENT, 210, "Code: 210. NETWORK_ERROR");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        assertThat(metrics.registry().get(SinkMetrics.INSERT_RETRIES).tag("table", "t").counter().count()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheLastAttemptAndNeverRetriesRejectedRows() {
        assertThatThrownBy(() -> retrying.run("t", () -> {
            throw new StoreFailure(StoreFailure.Kind.TRANSIENT, 241, "memory");
        })).hasMessage("memory");
        assertThat(sleeps).hasSize(3);

        sleeps.clear();
        assertThatThrownBy(() -> retrying.run("t", () -> {
            throw ClickHouseErrors.fromServer(469, "Code: 469. DB::Exception: Constraint `c` ... (VIOLATED_CONSTRAINT)");
        })).isInstanceOfSatisfying(StoreFailure.class, f ->
                assertThat(f.kind()).isEqualTo(StoreFailure.Kind.REJECTED_ROWS));
        assertThat(sleeps).isEmpty();
    }
}
