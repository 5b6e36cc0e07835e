package dev.sieve.benchmarks;

import dev.sieve.benchmarks.e2e.CpuUsage;
import dev.sieve.benchmarks.e2e.MixedEvents;
import dev.sieve.benchmarks.e2e.SdkLoad;
import dev.sieve.benchmarks.e2e.Tables;
import dev.sieve.benchmarks.scale.ClusterSizing;
import dev.sieve.benchmarks.scale.ScaleRun;
import dev.sieve.benchmarks.scale.ScaleSettings;
import dev.sieve.local.console.LocalMain;

/**
 * Throughput against instances, and the CPU each stage costs per event, with every stage in processes of its own:
 * the measurements behind the scale model in BENCHMARKS.md ("Scale model"), and the cluster they imply for a target
 * rate ({@link ClusterSizing}).
 *
 * <p>This JVM runs one in-process Kafka broker ({@code KafkaNode}), with every topic the policy implies at
 * {@code partitions} partitions ({@code TopicApplier}), the real ClickHouse engine (chDB) behind ClickHouse's HTTP
 * interface, and the apps ({@link SdkLoad}: SDK clients sending {@link MixedEvents}, spread over the collectors).
 * For each count N in {@code instances}, it starts N instances of each stage (collector, enrich, anonymize, sink),
 * each a JVM of its own with its own configuration file, heap and ports, as a deployment runs them; sends
 * {@code warmup-bursts} bursts of {@code warmup} events, each waited for until every row is stored; then one burst
 * of {@code events} events as fast as the collectors take them, timed from the first send until ClickHouse holds
 * every row ({@link Tables}: 5.2 per event); and stops the instances again.
 *
 * <p>Around that burst it reads each instance's CPU time ({@code /proc/<pid>/stat}), this JVM's by thread group and
 * the chDB helper's ({@link CpuUsage}), the machine's, and the size of every topic's log on the broker, so the CPU
 * per event of each stage and the bytes per event of each hop come out. Those hold on a shared machine, where the
 * rate does not: the load average is reported with every run. Run: {@code java -cp ...
 * dev.sieve.benchmarks.ScaleBenchmark [key=value ...]} (keys and defaults in {@link ScaleSettings#DEFAULTS}).
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        ScaleSettings s;
        try {
            s = ScaleSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Libraries log warnings and errors only; the broker's replica manager not at all (see LocalMain).
        LocalMain.useLocalLogConfiguration();
        new ScaleRun(s).run();
        // The broker's and clients' leftover threads must not keep the JVM alive.
        System.exit(0);
    }
}
