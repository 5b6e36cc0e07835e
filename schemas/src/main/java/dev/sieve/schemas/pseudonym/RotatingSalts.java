package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.control.PeriodSalt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live salts of rotating pseudonyms: the random per-period keys the salt keeper publishes on
 * {@code sieve.control.salts}. A salt that is not created yet or already destroyed is absent. A salt is handed
 * out as a {@link PseudonymKey} whose id is the period id ({@code m2026-12}) and whose start is the period's.
 */
public interface RotatingSalts {

    /** The salt of one period of a purpose. */
    Optional<PseudonymKey> salt(String purpose, String periodId);

    /** Every live salt of a purpose: all a stored row of that purpose may still be linked by. */
    List<PseudonymKey> live(String purpose);

    /** No salts at all: for code paths of policies that rotate nothing. */
    static RotatingSalts none() {
        return of(Map.of());
    }

    /** Salts from a snapshot of the salt topic, by record key ({@code Topics.saltKey}). */
    static RotatingSalts of(Map<String, PeriodSalt> byKey) {
        Map<String, PeriodSalt> snapshot = Map.copyOf(byKey);
        // Decoded once, looked up by purpose then period, without building a key: this is asked for every rotating
        // pseudonym.
        Map<String, Map<String, Optional<PseudonymKey>>> byPurpose = new HashMap<>();
        snapshot.values().forEach(s -> byPurpose.computeIfAbsent(s.getPurpose(), p -> new HashMap<>())
                .putIfAbsent(s.getPeriod(), Optional.of(key(s))));
        return new RotatingSalts() {
            @Override
            public Optional<PseudonymKey> salt(String purpose, String periodId) {
                return byPurpose.getOrDefault(purpose, Map.of()).getOrDefault(periodId, Optional.empty());
            }

            @Override
            public List<PseudonymKey> live(String purpose) {
                return snapshot.values().stream().filter(s -> s.getPurpose().equals(purpose))
                        .map(RotatingSalts::key).toList();
            }
        };
    }

    /** The salt as a key: id = period id, valid from the period's start. */
    static PseudonymKey key(PeriodSalt salt) {
        byte[] bytes = new byte[salt.getSalt().remaining()];
        salt.getSalt().duplicate().get(bytes);
        return new PseudonymKey(salt.getPeriod(), salt.getStartsAt(), bytes);
    }
}
