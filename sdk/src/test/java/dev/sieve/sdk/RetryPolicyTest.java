package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;

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
}
