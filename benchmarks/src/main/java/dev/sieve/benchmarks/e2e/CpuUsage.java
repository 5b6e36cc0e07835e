package dev.sieve.benchmarks.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the CPU went during a phase: this JVM's threads grouped by the part of the pipeline they belong to, the
 * ClickHouse engine's helper process, and the rest of the machine (other people's work on a shared machine).
 * Figures are in cores: CPU seconds per wall second.
 */
public final class CpuUsage {

    /**
     * Java thread name patterns (searched, first match wins), as the SDK, the stages, their Kafka clients (named
     * after their client id: {@code kafka-producer-network-thread | sieve-enrich-...}) and the broker name them.
     */
    /** The benchmark's apps: its SDK clients and the threads that drive them. */
    public static final String SDK_CLIENTS = "SDK clients (the benchmark's apps)";
    /** The Java side of the embedded ClickHouse's HTTP interface. */
    public static final String CLICKHOUSE_HTTP = "ClickHouse HTTP interface (Java side)";
    public static final String KAFKA_BROKER = "Kafka broker";
    private static final List<Map.Entry<String, Pattern>> GROUPS = List.of(
            Map.entry(SDK_CLIENTS,
                    Pattern.compile("^(sieve-sdk-sender|benchmark-app|HttpClient-)")),
            // The floor's stages count as the stages they stand for; the one-application variants as anonymize.
            Map.entry("enrich (Kafka Streams)", Pattern.compile("sieve-(floor-)?enrich")),
            Map.entry("anonymize (Kafka Streams)", Pattern.compile(
                    "sieve-(floor-)?anonymize|sieve-floor-composed|sieve-process")),
            Map.entry("sink (consume, encode, insert)", Pattern.compile("sieve-sink")),
            Map.entry("collector (HTTP, validate, Avro, produce)", Pattern.compile("^JettyServerThreadPool|sieve-ingest")),
            Map.entry(CLICKHOUSE_HTTP, Pattern.compile("^(sieve-clickhouse-http|sieve-chdb)")),
            Map.entry(KAFKA_BROKER, Pattern.compile("^(data-plane-kafka|kafka-|group-coordinator|share-|broker-"
                    + "|controller-|quorum-|raft-|ExpirationReaper|transaction-|persister-|network-partition"
                    + "|client-metrics|executor-)")));
    private static final String JIT_COMPILER = "JVM: JIT compiler";
    private static final Pattern JIT_THREADS = Pattern.compile("^C[12] CompilerThre");
    /** The JVM's own native threads, which the thread bean does not list, by {@code /proc} task name. */
    private static final List<Map.Entry<String, Pattern>> NATIVE_GROUPS = List.of(
            Map.entry("JVM: garbage collection", Pattern.compile("^(GC Thread|G1 )")),
            Map.entry(JIT_COMPILER, JIT_THREADS));
    private static final String OTHER_THREADS = "other JVM threads";
    private static final long CLOCK_TICKS_PER_SECOND = ProcStat.CLOCK_TICKS_PER_SECOND;

    /** A reading of the counters. */
    public record Snapshot(long nanoTime, Map<Long, Long> threadCpuNanos, Map<Long, String> threadNames,
            Map<String, Long> nativeTicks, long processCpuNanos, long helperCpuNanos, long[] machineTicks) {}

    /**
     * CPU used between two snapshots, in cores.
     *
     * @param byPart   this JVM's threads by pipeline part, plus the helper process
     * @param jvm      this whole JVM (threads plus garbage collection and the JIT compiler)
     * @param machine  every process on the machine
     * @param cores    the machine's cores
     */
    public record Report(Map<String, Double> byPart, double jvm, double helper, double machine, int cores) {

        /** What the JIT compiler's threads used. */
        public double jitCompiler() {
            return byPart.getOrDefault(JIT_COMPILER, Double.NaN);
        }

        /** What one part of {@link #byPart} used, 0 if nothing of it ran. */
        public double part(String name) {
            return byPart.getOrDefault(name, 0.0);
        }

        /** What other processes on the machine used: the load this benchmark shared the machine with. */
        public double others() {
            return Math.max(0, machine - jvm - helper);
        }
    }

    private CpuUsage() {}

    public static Snapshot take() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Snapshot(System.nanoTime(), cpu, names, nativeTicks(), os.getProcessCpuTime(), helperCpuNanos(),
                machineTicks());
    }

    public static Report between(Snapshot a, Snapshot b) {
        double wall = b.nanoTime() - a.nanoTime();
        Map<String, Double> byPart = new LinkedHashMap<>();
        GROUPS.forEach(g -> byPart.put(g.getKey(), 0.0));
        byPart.put(OTHER_THREADS, 0.0);
        double threadsTotal = 0;
        for (Map.Entry<Long, Long> e : b.threadCpuNanos().entrySet()) {
            // A thread born during the phase used all its CPU in it; one that died is lost to the JVM total only.
            long used = e.getValue() - a.threadCpuNanos().getOrDefault(e.getKey(), 0L);
            byPart.merge(group(b.threadNames().get(e.getKey())), used / wall, Double::sum);
            threadsTotal += used / wall;
        }
        for (Map.Entry<String, Pattern> g : NATIVE_GROUPS) {
            double ticks = 0;
            for (Map.Entry<String, Long> task : b.nativeTicks().entrySet()) {
                if (g.getValue().matcher(task.getKey().substring(task.getKey().indexOf(' ') + 1)).find()) {
                    ticks += task.getValue() - a.nativeTicks().getOrDefault(task.getKey(), 0L);
                }
            }
            byPart.put(g.getKey(), ticks / CLOCK_TICKS_PER_SECOND / (wall / 1e9));
            threadsTotal += ticks / CLOCK_TICKS_PER_SECOND / (wall / 1e9);
        }
        double jvm = (b.processCpuNanos() - a.processCpuNanos()) / wall;
        byPart.put("JVM: threads that ended, other native threads", Math.max(0, jvm - threadsTotal));
        double helper = (b.helperCpuNanos() - a.helperCpuNanos()) / wall;
        byPart.put("ClickHouse engine (chDB helper process)", helper);
        long[] ta = a.machineTicks();
        long[] tb = b.machineTicks();
        double machine = ta.length == 0 || tb.length == 0 ? Double.NaN
                : (double) (busy(tb) - busy(ta)) / CLOCK_TICKS_PER_SECOND / (wall / 1e9);
        return new Report(byPart, jvm, helper, machine, Runtime.getRuntime().availableProcessors());
    }

    /**
     * CPU the JIT compiler's threads of another JVM have used so far, in nanoseconds (threads alive now; a
     * compiler thread the JVM retired takes its ticks with it, so read it over a phase in which it compiles).
     */
    public static long jitCompilerNanos(long pid) {
        long ticks = ProcStat.threads(Long.toString(pid)).values().stream()
                .filter(t -> JIT_THREADS.matcher(t.name()).find()).mapToLong(ProcStat.Thread::ticks).sum();
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} has them. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String group(String thread) {
        for (Map.Entry<String, Pattern> g : GROUPS) {
            if (g.getValue().matcher(thread).find()) {
                return g.getKey();
            }
        }
        return OTHER_THREADS;
    }

    /**
     * CPU of the Python process running chDB: the only process the pipeline starts that is not a JVM (a benchmark
     * may start stages as JVMs of their own, and counts those itself).
     */
    private static long helperCpuNanos() {
        return ProcessHandle.current().descendants()
                .filter(p -> !p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(p -> p.info().totalCpuDuration())
                .flatMap(Optional::stream)
                .mapToLong(Duration::toNanos)
                .sum();
    }

    /**
     * CPU ticks of this process's native JVM threads, keyed {@code <tid> <name>}; none off Linux. Java threads
     * are left to the thread bean, which knows their full names.
     */
    private static Map<String, Long> nativeTicks() {
        Map<String, Long> ticks = new HashMap<>();
        ProcStat.threads("self").forEach((tid, t) -> {
            if (NATIVE_GROUPS.stream().anyMatch(g -> g.getValue().matcher(t.name()).find())) {
                ticks.put(tid + " " + t.name(), t.ticks());
            }
        });
        return ticks;
    }

    /** The machine's CPU ticks (first line of {@code /proc/stat}), or none off Linux. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = new long[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                ticks[i - 1] = Long.parseLong(f[i]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }

    /** Ticks not idle: everything but idle (4th) and iowait (5th); guest time is already in user time. */
    private static long busy(long[] ticks) {
        long busy = 0;
        for (int i = 0; i < Math.min(ticks.length, 8); i++) {
            if (i != 3 && i != 4) {
                busy += ticks[i];
            }
        }
        return busy;
    }
}
