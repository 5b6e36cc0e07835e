package dev.sieve.cli.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {

    /** A clock the sleeper moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-02T09:30:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock();
    final List<Duration> sleeps = new ArrayList<>();
    final Poller poller = new Poller(clock, d -> {
        sleeps.add(d);
        clock.now = clock.now.plus(d);
    }, Duration.ofSeconds(1));

    @Test
    void asksUntilThereIsAnAnswer() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        Optional<String> answer = poller.until(Duration.ofMinutes(1),
                () -> calls.incrementAndGet() == 3 ? Optional.of("done") : Optional.empty());

        assertThat(answer).contains("done");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void givesUpAtTheTimeoutAfterALastLook() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        Optional<String> answer = poller.until(Duration.ofMillis(2500), () -> {
            calls.incrementAndGet();
            return Optional.empty();
        });

        assertThat(answer).isEmpty();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
        assertThat(calls).hasValue(4);
    }
}
