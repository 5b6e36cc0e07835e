package dev.sieve.schemas.policy;

import java.util.Map;
import java.util.Objects;

/**
 * The smallest k every table of a non-raw purpose must meet: each row shares its quasi-identifier values
 * ({@link QuasiIdentifiers}) with at least k - 1 other rows of the table's retention window. {@code sieve audit}
 * measures it; the policy only states the bar.
 *
 * @param minK       the bar for every non-raw purpose ({@code k_anonymity.min_k})
 * @param byPurpose  purposes that set their own bar ({@code purposes.<id>.k_anonymity.min_k}), by purpose id
 */
public record KAnonymity(int minK, Map<String, Integer> byPurpose) {

    /** The bar when the policy sets none: a common choice in statistical disclosure control. */
    public static final int DEFAULT_MIN_K = 5;
    /** Every table meets k = 1, so a bar below 2 would check nothing. */
    public static final int LOWEST_MIN_K = 2;

    public KAnonymity {
        if (minK < LOWEST_MIN_K) {
            throw new IllegalArgumentException("minK must be at least " + LOWEST_MIN_K + ", got " + minK);
        }
        byPurpose = Map.copyOf(Objects.requireNonNull(byPurpose, "byPurpose"));
    }

    /** The bar the purpose's tables must meet. */
    public int minK(String purposeId) {
        return byPurpose.getOrDefault(purposeId, minK);
    }
}
