package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.policy.Policy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key rings of {@code keys.dir} and the {@code SIEVE_KEY__*} variables, read again when the last reading is
 * older than {@code maxAge} or when asked ({@link #reread()}), so a key added to the directory (or a Kubernetes
 * Secret mounted there) is used without a restart. The variables cannot change in a running process; they are read
 * again with the files because the two together make the rings.
 *
 * <p>The first reading must succeed ({@link #load}): a stage does not start with a missing or bad key. A later
 * reading that fails (a key file being written, a typo) keeps the rings read before and logs the problems, which
 * name files and variables, never a secret; the next reading tries again. A ring whose keys did not change is kept
 * as the same object, so its cached MACs stay warm. Thread-safe; {@link #current()} costs a clock read and a
 * volatile read between readings.
 */
public final class ReloadingKeyRings implements KeyRings {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyRings.class);
    /** How old the rings of a running stage may be: a key added to the directory is used within this time. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);

    private final Policy policy;
    private final Path dir;
    private final Map<String, String> env;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Map<String, KeyRing> rings;
    private volatile Instant readAt;

    private ReloadingKeyRings(Policy policy, Path dir, Map<String, String> env, Duration maxAge, Clock clock,
            Map<String, KeyRing> first) {
        this.policy = policy;
        this.dir = dir;
        this.env = Map.copyOf(env);
        this.maxAge = maxAge;
        this.clock = clock;
        this.rings = first;
        this.readAt = clock.instant();
    }

    /**
     * Reads the keys once, strictly.
     *
     * @param dir the key directory, or null when keys come from the environment only
     * @throws KeyException every problem of the first reading
     */
    public static ReloadingKeyRings load(Policy policy, Path dir, Map<String, String> env, Duration maxAge,
            Clock clock) throws KeyException {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        return new ReloadingKeyRings(policy, dir, env, maxAge, clock, KeyRingLoader.load(policy, dir, env));
    }

    @Override
    public Map<String, KeyRing> current() {
        return stale() ? rereadIfStale() : rings;
    }

    private boolean stale() {
        return !clock.instant().isBefore(readAt.plus(maxAge));
    }

    /** Several threads may find the rings stale at once; one reads them. */
    private synchronized Map<String, KeyRing> rereadIfStale() {
        return stale() ? reread() : rings;
    }

    @Override
    public synchronized Map<String, KeyRing> reread() {
        Instant now = clock.instant();
        try {
            Map<String, KeyRing> read = KeyRingLoader.load(policy, dir, env);
            Map<String, KeyRing> merged = new LinkedHashMap<>();
            read.forEach((purpose, ring) -> {
                KeyRing before = rings.get(purpose);
                boolean same = before != null && before.keys().equals(ring.keys());
                merged.put(purpose, same ? before : ring);
                if (!same) {
                    LOG.info("pseudonymization keys of purpose {} are now {}", purpose,
                            ring.keys().stream().map(PseudonymKey::id).toList());
                }
            });
            rings = Map.copyOf(merged);
        } catch (KeyException e) {
            LOG.warn("reading the pseudonymization keys again failed; keeping the keys read before: {}",
                    e.getMessage());
        }
        readAt = now;
        return rings;
    }
}
