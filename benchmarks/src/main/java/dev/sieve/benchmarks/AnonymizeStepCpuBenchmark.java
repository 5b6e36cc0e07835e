package dev.sieve.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * {@link AnonymizeStepBenchmark}'s four methods, each measured in events per second of CPU time of the thread
 * running it rather than per second of wall-clock time. On a machine shared with other builds, JMH's wall-clock
 * figures move with the load (errors as large as the scores); CPU time of the one thread does not count the time
 * other processes took the core, so two builds can be compared while the machine is busy. It does not count the
 * garbage collector's and JIT compiler's threads either, so it reads lower than JMH on a quiet machine.
 *
 * <p>Run: {@code java -cp "$CP" dev.sieve.benchmarks.AnonymizeStepCpuBenchmark [rounds=8] [events=100000] [run=10]}; prints
 * every round's figure, sorted, and the median.
 */
public final class AnonymizeStepCpuBenchmark {

    private static final int WARM_UP = 300_000;

    private AnonymizeStepCpuBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        AnonymizeStepBenchmark b = new AnonymizeStepBenchmark();
        b.run = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        b.setUp();
        measure("passThroughDevice", b::passThroughDevice, rounds, events);
        measure("anonymizeDevice", b::anonymizeDevice, rounds, events);
        measure("passThroughServiceLog", b::passThroughServiceLog, rounds, events);
        measure("anonymizeServiceLog", b::anonymizeServiceLog, rounds, events);
    }

    private static void measure(String name, IntSupplier step, int rounds, int events) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (int i = 0; i < WARM_UP; i++) {
            bytes += step.getAsInt();
        }
        double[] perSecond = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < events; i++) {
                bytes += step.getAsInt();
            }
            perSecond[r] = events / ((cpu.getCurrentThreadCpuTime() - start) / 1e9);
        }
        Arrays.sort(perSecond);
        StringBuilder line = new StringBuilder(String.format("%-22s median %,9.0f events per CPU-second; rounds:",
                name, (perSecond[rounds / 2] + perSecond[(rounds - 1) / 2]) / 2));
        for (double p : perSecond) {
            line.append(String.format(" %,.0f", p));
        }
        // The bytes written are printed so the JIT compiler cannot drop the work.
        System.out.println(line.append(String.format(" (%d bytes)", bytes)));
    }
}
