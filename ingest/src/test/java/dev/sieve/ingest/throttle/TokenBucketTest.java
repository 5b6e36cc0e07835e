package dev.sieve.ingest.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.ingest.config.Rate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket with a clock the test moves: no sleeping. */
class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TokenBucket bucket = new TokenBucket(new Rate(100, 500), nanos::get);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void startsFullSoABurstPassesAtOnce() {
        assertThat(bucket.take(500)).isEmpty();
    }

    @Test
    void anEmptyBucketRefusesAndSaysHowLongUntilTheBatchFits() {
        assertThat(bucket.take(500)).isEmpty();

        assertThat(bucket.take(50)).contains(Duration.ofMillis(500));
        assertThat(bucket.take(1)).contains(Duration.ofMillis(10));
    }

    @Test
    void aRefusalTakesNothingSoTheWaitItNamesIsEnough() {
        assertThat(bucket.take(450)).isEmpty();
        Optional<Duration> wait = bucket.take(100);
        assertThat(wait).contains(Duration.ofMillis(500));

        advance(wait.get().minusNanos(1));
        assertThat(bucket.take(100)).as("a moment too early").isPresent();
        advance(Duration.ofNanos(1));
        assertThat(bucket.take(100)).isEmpty();
        assertThat(bucket.take(1)).isPresent();
    }

    @Test
    void refillsAtTheRateButNeverBeyondTheBurst() {
        assertThat(bucket.take(500)).isEmpty();
        advance(Duration.ofSeconds(2));
        assertThat(bucket.take(200)).isEmpty();
        assertThat(bucket.take(1)).isPresent();

        advance(Duration.ofHours(1));
        assertThat(bucket.take(500)).isEmpty();
        assertThat(bucket.take(1)).as("an hour's quiet still gives only the burst").isPresent();
    }

    @Test
    void moreThanTheBurstCanNeverPassAndIsACallersMistake() {
        assertThatThrownBy(() -> bucket.take(501)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("501 events can never pass a burst of 500");
    }
}
