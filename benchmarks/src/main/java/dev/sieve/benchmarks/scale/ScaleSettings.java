package dev.sieve.benchmarks.scale;

import dev.sieve.benchmarks.e2e.KeyValueArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scale benchmark runs and what its sizing assumes. Every key has a default ({@link #DEFAULTS}); unknown
 * keys and bad values are reported together.
 *
 * @param instances    instance counts of each stage to measure, in this order
 * @param partitions   partitions of every topic: at least the largest instance count, so every instance gets work
 * @param events       events in the measured burst
 * @param warmup       events in each warm-up burst
 * @param warmupBursts the most warm-up bursts after each start
 * @param jitSettled   warm-up ends after a burst in which the stages' JIT compilers used fewer cores than this
 * @param clients      SDK clients, one thread each, spread over the collectors
 * @param devices      devices the events come from
 * @param batch        the SDK's batch size
 * @param linger       how long the SDK lets a batch fill
 * @param sinkBatchAge the sink's {@code batch.max-age-ms}
 * @param stageHeap    each stage JVM's {@code -Xmx}
 * @param idle         how long the stages' idle CPU is read after the burst
 * @param startTimeout how long an instance may take to answer healthy
 * @param out          the results CSV; the sizing goes beside it ({@code -sizing})
 * @param assumptions  what the sizing assumes
 * @param given        every key's value in this run, for the CSV
 */
public record ScaleSettings(List<Integer> instances, int partitions, int events, int warmup, int warmupBursts,
        double jitSettled, int clients, int devices, int batch, Duration linger, Duration sinkBatchAge, String stageHeap,
        Duration idle, Duration startTimeout, Path out, ClusterSizing.Assumptions assumptions, Map<String, String> given) {

    /** Every key, with its default. */
    public static final Map<String, String> DEFAULTS = defaults();

    public static ScaleSettings parse(String[] args) {
        KeyValueArgs a = new KeyValueArgs(args, DEFAULTS);
        List<Integer> instances = a.positives("instances");
        int partitions = a.positive("partitions");
        if (instances.stream().anyMatch(n -> n > partitions)) {
            a.problem("instances: every count must be at most partitions (" + partitions + "), or an instance would "
                    + "get no partition");
        }
        String heap = a.text("stage-heap");
        if (!heap.matches("[1-9][0-9]*[kmg]")) {
            a.problem("stage-heap must be a JVM heap size such as 256m, got '" + heap + "'");
        }
        ScaleSettings s = null;
        try {
            s = new ScaleSettings(instances, partitions, a.positive("events"), a.positive("warmup"),
                    a.positive("max-warmup-bursts"), a.positiveNumber("jit-settled-cores"),
                    a.positive("clients"), a.positive("devices"), a.positive("batch"),
                    Duration.ofMillis(a.positive("linger-ms")), Duration.ofMillis(a.positive("sink-batch-age-ms")),
                    heap, Duration.ofSeconds(a.positive("idle-seconds")),
                    Duration.ofSeconds(a.positive("start-timeout-seconds")), Path.of(a.text("out")),
                    new ClusterSizing.Assumptions(a.positiveNumber("target-events-per-second"),
                            a.fraction("cpu-utilization"), a.positive("replication-factor"),
                            a.positiveNumber("broker-mb-per-second"), a.fraction("broker-utilization"),
                            a.positiveNumber("clickhouse-rows-per-node-second"), a.fraction("clickhouse-utilization"),
                            a.positive("clickhouse-replicas")),
                    a.values());
        } catch (IllegalArgumentException e) {
            a.problem(e.getMessage());
        }
        a.finish();
        return s;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("instances", "1,2,4");
        d.put("partitions", "4");
        d.put("events", "50000");
        d.put("warmup", "15000");
        d.put("max-warmup-bursts", "8");
        d.put("jit-settled-cores", "0.1");
        d.put("clients", "4");
        d.put("devices", "20000");
        d.put("batch", "500");
        d.put("linger-ms", "50");
        d.put("sink-batch-age-ms", "300");
        d.put("stage-heap", "256m");
        d.put("idle-seconds", "10");
        d.put("start-timeout-seconds", "180");
        d.put("out", "benchmarks/results/scale/scale.csv");
        // The sizing's assumptions; BENCHMARKS.md ("Scale model") says where each comes from.
        d.put("target-events-per-second", "1000000");
        d.put("cpu-utilization", "0.6");
        d.put("replication-factor", "3");
        d.put("broker-mb-per-second", "300");
        d.put("broker-utilization", "0.5");
        d.put("clickhouse-rows-per-node-second", "300000");
        d.put("clickhouse-utilization", "0.5");
        d.put("clickhouse-replicas", "2");
        return Collections.unmodifiableMap(d);
    }
}
