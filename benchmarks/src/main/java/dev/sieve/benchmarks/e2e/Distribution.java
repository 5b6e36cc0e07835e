package dev.sieve.benchmarks.e2e;

import java.util.Arrays;

/** A sorted sample of latencies in milliseconds, read by nearest-rank percentiles. */
public final class Distribution {

    private final long[] sorted;

    public Distribution(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** The smallest value at least {@code percent} % of the sample are at or below (nearest rank). */
    public long percentile(double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public int size() {
        return sorted.length;
    }
}
