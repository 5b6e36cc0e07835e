package dev.sieve.anonymize.salt;

import dev.sieve.schemas.pseudonym.SaltKeeper;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the anonymize stage's {@link SaltKeeper}: one round before the topology starts, so the current and next
 * period's salts exist before the first event needs one, then a round every {@link #INTERVAL}. Salts are
 * created a whole period ahead, so a round that fails (Kafka briefly away) is only retried; it delays the
 * destruction of an old salt by one interval at most.
 */
public final class SaltSchedule implements AutoCloseable {

    /** Often enough that a destroyed salt goes within minutes of its time; a round costs one short read. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(SaltSchedule.class);

    private final SaltKeeper keeper;
    private final ScheduledExecutorService executor;

    private SaltSchedule(SaltKeeper keeper) {
        this.keeper = keeper;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sieve-salt-keeper");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs the first round now (its failure stops start-up: without salts, rotating pseudonyms cannot be made),
     * then schedules the others.
     */
    public static SaltSchedule start(SaltKeeper keeper) {
        try {
            keeper.run();
        } catch (RuntimeException e) {
            keeper.close();
            throw e;
        }
        SaltSchedule schedule = new SaltSchedule(keeper);
        schedule.executor.scheduleWithFixedDelay(schedule::round, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return schedule;
    }

    private void round() {
        try {
            keeper.run();
        } catch (RuntimeException e) {
            LOG.warn("salt keeper round failed ({}); retrying in {}", e.getClass().getName(), INTERVAL);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        keeper.close();
    }
}
