package dev.sieve.benchmarks.scale;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster a target event rate needs, from costs measured per event and capacities assumed per node. Pure
 * arithmetic, so every figure of the scale model can be recomputed by hand from the stated inputs.
 *
 * <ul>
 *   <li><b>Cores of a stage</b>: CPU per event times events per second, divided by the share of a core a stage may
 *       use in steady state (headroom for bursts, rebalances and a lost instance's partitions). A cost of
 *       {@code c} ms of CPU per 1 000 events is {@code c} cores at 1 000 000 events/s before headroom.</li>
 *   <li><b>Kafka brokers</b>: every byte produced is written by the leader and {@code replicationFactor - 1}
 *       followers; spread evenly, a broker's disk writes and network input are {@code RF × produced / brokers} and its
 *       network output {@code (consumed + (RF - 1) × produced) / brokers}. The busier of the two, against the
 *       assumed MB/s of one broker times its utilization, gives the count, and never fewer brokers than replicas.</li>
 *   <li><b>ClickHouse nodes</b>: rows per second over the assumed rows per second one node inserts times its
 *       utilization gives the shards; each shard has {@code replicas} nodes.</li>
 * </ul>
 */
public final class ClusterSizing {

    /**
     * What is assumed, not measured.
     *
     * @param eventsPerSecond              the target rate
     * @param cpuUtilization               share of its cores a stage may use in steady state (0, 1]
     * @param replicationFactor            Kafka's replication factor
     * @param brokerMegabytesPerSecond     what one broker sustains on its busiest resource (disk writes, network
     *                                     in or out), in MB (10^6 bytes) per second
     * @param brokerUtilization            share of that a broker may use in steady state (0, 1]
     * @param clickHouseRowsPerNodeSecond  rows per second one ClickHouse node inserts in large batches
     * @param clickHouseUtilization        share of that the sink's inserts may use (merges and queries need the rest)
     * @param clickHouseReplicas           nodes per shard
     */
    public record Assumptions(double eventsPerSecond, double cpuUtilization, int replicationFactor,
            double brokerMegabytesPerSecond, double brokerUtilization, double clickHouseRowsPerNodeSecond,
            double clickHouseUtilization, int clickHouseReplicas) {

        public Assumptions {
            positive(eventsPerSecond, "eventsPerSecond");
            share(cpuUtilization, "cpuUtilization");
            positive(replicationFactor, "replicationFactor");
            positive(brokerMegabytesPerSecond, "brokerMegabytesPerSecond");
            share(brokerUtilization, "brokerUtilization");
            positive(clickHouseRowsPerNodeSecond, "clickHouseRowsPerNodeSecond");
            share(clickHouseUtilization, "clickHouseUtilization");
            positive(clickHouseReplicas, "clickHouseReplicas");
        }
    }

    /**
     * What was measured, per event.
     *
     * @param cpuMillisPerThousandEvents  CPU of each stage (all its instances) per 1 000 events, by stage name
     * @param producedBytesPerEvent       bytes the broker's logs grew by per event, over every topic (one copy)
     * @param consumedBytesPerEvent       bytes the stages read back per event (each hop's topics once)
     * @param rowsPerEvent                rows stored per event
     */
    public record Measured(Map<String, Double> cpuMillisPerThousandEvents, double producedBytesPerEvent,
            double consumedBytesPerEvent, double rowsPerEvent) {

        public Measured {
            // In the caller's order: the sizing lists stages as the measurement did.
            cpuMillisPerThousandEvents = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(
                    cpuMillisPerThousandEvents, "cpuMillisPerThousandEvents")));
            cpuMillisPerThousandEvents.forEach((stage, ms) -> nonNegative(ms, "cpuMillisPerThousandEvents of " + stage));
            nonNegative(producedBytesPerEvent, "producedBytesPerEvent");
            nonNegative(consumedBytesPerEvent, "consumedBytesPerEvent");
            nonNegative(rowsPerEvent, "rowsPerEvent");
        }
    }

    /**
     * The cluster.
     *
     * @param coresByStage           cores each stage needs, unrounded, in the order the measurement named them
     * @param brokerBusiestMBps      MB/s on the busiest resource of the brokers together
     * @param brokers                Kafka brokers
     * @param clickHouseRowsPerSecond rows per second into ClickHouse
     * @param clickHouseShards       shards
     * @param clickHouseNodes        nodes (shards × replicas)
     */
    public record Sizing(Map<String, Double> coresByStage, double brokerBusiestMBps, int brokers,
            double clickHouseRowsPerSecond, int clickHouseShards, int clickHouseNodes) {}

    private ClusterSizing() {}

    public static Sizing size(Measured m, Assumptions a) {
        Map<String, Double> cores = new LinkedHashMap<>();
        m.cpuMillisPerThousandEvents().forEach((stage, ms) -> cores.put(stage, cores(ms, a)));
        double producedMBps = m.producedBytesPerEvent() * a.eventsPerSecond() / 1e6;
        double consumedMBps = m.consumedBytesPerEvent() * a.eventsPerSecond() / 1e6;
        double busiest = Math.max(a.replicationFactor() * producedMBps,
                consumedMBps + (a.replicationFactor() - 1) * producedMBps);
        int brokers = Math.max(a.replicationFactor(),
                (int) Math.ceil(busiest / (a.brokerMegabytesPerSecond() * a.brokerUtilization())));
        double rows = m.rowsPerEvent() * a.eventsPerSecond();
        int shards = (int) Math.ceil(rows / (a.clickHouseRowsPerNodeSecond() * a.clickHouseUtilization()));
        return new Sizing(cores, busiest, brokers, rows, shards, shards * a.clickHouseReplicas());
    }

    /** Cores for {@code ms} of CPU per 1 000 events at the assumed rate and utilization. */
    public static double cores(double millisPerThousandEvents, Assumptions a) {
        return millisPerThousandEvents / 1e3 * a.eventsPerSecond() / 1e3 / a.cpuUtilization();
    }

    private static void positive(double v, String name) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    private static void nonNegative(double v, String name) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must not be negative, got " + v);
        }
    }

    private static void share(double v, String name) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + v);
        }
    }
}
