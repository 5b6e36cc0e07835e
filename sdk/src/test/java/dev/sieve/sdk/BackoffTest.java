package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final RetryPolicy POLICY = RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(500))
            .maxBackoff(Duration.ofSeconds(30))
            .multiplier(2.0)
            .build();

    @Test
    void theBoundDoublesWithEachFailedAttemptAndTheJitterPicksWithinIt() {
        Backoff halfway = new Backoff(POLICY, () -> 0.5);
        assertThat(halfway.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(250));
        assertThat(halfway.delay(2, Optional.empty())).isEqualTo(Duration.ofMillis(500));
        assertThat(halfway.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void fullJitterCanWaitNothingAtAll() {
        assertThat(new Backoff(POLICY, () -> 0.0).delay(4, Optional.empty())).isEqualTo(Duration.ZERO);
    }

    @Test
    void theBoundStopsGrowingAtMaxBackoff() {
        // 500 ms * 2^19 would be days; the bound is 30 s.
        assertThat(new Backoff(POLICY, () -> 0.999).delay(20, Optional.empty())).isEqualTo(Duration.ofMillis(29_970));
    }

    @Test
    void retryAfterIsAFloorUnderTheJitter() {
        Backoff none = new Backoff(POLICY, () -> 0.0);
        assertThat(none.delay(1, Optional.of(Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(2));
        Backoff high = new Backoff(POLICY, () -> 0.9);
        assertThat(high.delay(5, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofMillis(7200));
    }

    @Test
    void aRetryAfterBeyondMaxBackoffIsCapped() {
        assertThat(new Backoff(POLICY, () -> 0.0).delay(1, Optional.of(Duration.ofHours(1))))
                .isEqualTo(Duration.ofSeconds(30));
    }
}
