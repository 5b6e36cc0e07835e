package dev.sieve.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sdk.RetryPolicy;
import dev.sieve.sdk.SieveClient;
import java.time.Duration;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

class SeenEventsTest {

    @Test
    void theDefaultWindowCoversTheLongestTimeTheSdkRetriesABatchWithItsDefaults() {
        Duration attempt = SieveClient.DEFAULT_CONNECT_TIMEOUT.plus(SieveClient.DEFAULT_REQUEST_TIMEOUT);
        Duration span = RetryPolicy.defaults().longestRetrySpan(attempt);

        // 10 attempts of 5 s to connect and 30 s to answer, 9 waits of 30 s: a shorter window lets a retry through.
        assertThat(span).isEqualTo(Duration.ofMinutes(10).plusSeconds(20));
        assertThat(SeenEvents.DEFAULT_WINDOW).isGreaterThanOrEqualTo(span);
    }

    @Test
    void theStoreIsPersistentAndChangeloggedSoItSurvivesACrashAndMovesWithItsPartition() {
        StoreBuilder<WindowStore<String, Long>> builder = SeenEvents.store("seen", SeenEvents.DEFAULT_WINDOW);

        assertThat(builder.loggingEnabled()).isTrue();
        assertThat(builder.build().persistent()).isTrue();
    }

    @Test
    void keysAreDigestsOfOneSizeInWhichNoTwoPairsRunTogether() {
        // 32 bytes of SHA-256 whatever the id's length: the changelog never holds the id a client sent.
        assertThat(SeenEvents.key("notes", "x".repeat(128))).hasSize(43);
        assertThat(SeenEvents.key("notes", "x")).hasSize(43);
        assertThat(SeenEvents.key("notes", "e-1")).isEqualTo(SeenEvents.key("notes", "e-1"));
        assertThat(SeenEvents.key("ab", "c")).isNotEqualTo(SeenEvents.key("a", "bc"));
    }
}
