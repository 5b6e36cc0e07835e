package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theLongestRetrySpanIsEveryAttemptAtItsTimeoutAndEveryWaitAtItsLongest() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).maxBackoff(Duration.ofSeconds(10)).build();

        assertThat(policy.longestRetrySpan(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(3 * 5 + 2 * 10));
        assertThat(RetryPolicy.builder().maxAttempts(1).build().longestRetrySpan(Duration.ofSeconds(35)))
                .as("one attempt, no wait").isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void theBackoffBoundGrowsByTheMultiplierUpToMaxBackoff() {
        RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(200)).multiplier(1.5)
                .maxBackoff(Duration.ofMillis(500)).build();

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(450));
        assertThat(policy.backoff(4)).as("675 ms, capped").isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1_000)).as("no overflow far out").isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> policy.backoff(0)).hasMessage("failedAttempts must be at least 1, got 0");
    }
}
