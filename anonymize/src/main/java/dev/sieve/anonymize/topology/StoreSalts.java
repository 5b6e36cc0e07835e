package dev.sieve.anonymize.topology;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import dev.sieve.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The salt topic's global store ({@link AnonymizeTopology#SALT_STORE}) as {@link RotatingSalts}, shared by
 * every processor. A salt read from the store is kept decoded, by purpose and period, until the store's updater
 * ({@link dev.sieve.streams.ControlStoreUpdater}) reports that a salt changed (once a period per purpose; every
 * decoded salt is then read again), so an event neither decodes a salt record nor builds a store key per pseudonym,
 * and a destroyed salt is never served after its tombstone reached the store. Until the first processor binds the
 * store, no salt is live.
 */
final class StoreSalts implements RotatingSalts {

    private volatile ReadOnlyKeyValueStore<String, PeriodSalt> store;
    /** Decoded salts by purpose, then period id. */
    private final Map<String, Map<String, Optional<PseudonymKey>>> decoded = new ConcurrentHashMap<>();

    void bind(ReadOnlyKeyValueStore<String, PeriodSalt> store) {
        this.store = store;
    }

    /** The store's value under {@code key} changed: decode every salt again on next use. */
    void forget(String key) {
        decoded.clear();
    }

    @Override
    public Optional<PseudonymKey> salt(String purpose, String periodId) {
        ReadOnlyKeyValueStore<String, PeriodSalt> s = store;
        if (s == null) {
            return Optional.empty();
        }
        Map<String, Optional<PseudonymKey>> periods = decoded.computeIfAbsent(purpose,
                p -> new ConcurrentHashMap<>());
        Optional<PseudonymKey> known = periods.get(periodId);
        return known != null ? known : periods.computeIfAbsent(periodId,
                id -> Optional.ofNullable(s.get(Topics.saltKey(purpose, id))).map(RotatingSalts::key));
    }

    @Override
    public List<PseudonymKey> live(String purpose) {
        ReadOnlyKeyValueStore<String, PeriodSalt> s = store;
        List<PseudonymKey> out = new ArrayList<>();
        if (s != null) {
            try (KeyValueIterator<String, PeriodSalt> it = s.prefixScan(Topics.saltKey(purpose, ""),
                    new StringSerializer())) {
                it.forEachRemaining(kv -> out.add(RotatingSalts.key(kv.value)));
            }
        }
        return out;
    }
}
