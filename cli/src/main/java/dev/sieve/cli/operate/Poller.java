package dev.sieve.cli.operate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks again and again until there is an answer or time is up, for the {@code --wait} options. Clock and sleeper
 * are injected, so tests move time instead of waiting.
 */
public final class Poller {

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {

        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** How often {@code --wait} looks: the sink's audit rows appear within a poll of the control loop. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;

    public Poller(Clock clock, Sleeper sleeper, Duration interval) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = interval;
    }

    public static Poller real() {
        return new Poller(Clock.systemUTC(), Sleeper.REAL, INTERVAL);
    }

    /**
     * Runs {@code attempt} until it answers, at least once and no later than {@code timeout} from now.
     *
     * @return the answer, or empty when time ran out
     */
    public <T> Optional<T> until(Duration timeout, Supplier<Optional<T>> attempt) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<T> answer = attempt.get();
            if (answer.isPresent()) {
                return answer;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            sleeper.sleep(left.compareTo(interval) < 0 ? left : interval);
        }
    }
}
