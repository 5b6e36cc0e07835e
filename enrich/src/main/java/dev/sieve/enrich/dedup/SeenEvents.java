package dev.sieve.enrich.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The {@code (app, event id)} pairs a family's enrich task forwarded within the de-duplication window, in a
 * persistent window store whose changelog is written in the stage's exactly-once transaction: a crash neither
 * forgets a pair whose event was forwarded nor remembers one whose event was not. The SDK gives every event a random
 * id and re-sends a batch whose answer it did not get, so a repeat within the window is that retry.
 *
 * <p>Repeats reach the same task: the collector keys raw records by device (else subject), the same for an event
 * and its retry, so they land in the same partition. The store key is a SHA-256 of app and event id, so nothing a
 * client sent is written to the changelog topic as it was sent.
 */
public final class SeenEvents {

    /**
     * The SDK's longest retry span with its defaults ({@code RetryPolicy.longestRetrySpan}: 10 min 20 s, which
     * {@code SeenEventsTest} recomputes) with room for collector and broker outages.
     */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private final WindowStore<String, Long> store;
    private final Duration window;

    public SeenEvents(WindowStore<String, Long> store, Duration window) {
        this.store = store;
        this.window = window;
    }

    /** The store of one family, kept for {@code window}. */
    public static StoreBuilder<WindowStore<String, Long>> store(String name, Duration window) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, window, window, false), Serdes.String(),
                Serdes.Long());
    }

    /** Whether the event was forwarded within the window around {@code at} (both sides: retries can overtake). */
    public boolean seen(String appId, String eventId, Instant at) {
        // The millisecond form: the Instant form formats an error message on every call, used or not.
        try (WindowStoreIterator<Long> it = store.fetch(key(appId, eventId), at.minus(window).toEpochMilli(),
                at.plus(window).toEpochMilli())) {
            return it.hasNext();
        }
    }

    /** Records that the event was forwarded at {@code at}. */
    public void forwarded(String appId, String eventId, Instant at) {
        store.put(key(appId, eventId), at.toEpochMilli(), at.toEpochMilli());
    }

    static String key(String appId, String eventId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(appId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    sha.digest(eventId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM cannot compute SHA-256", e);
        }
    }
}
