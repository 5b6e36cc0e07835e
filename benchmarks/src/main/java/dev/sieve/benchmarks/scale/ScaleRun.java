package dev.sieve.benchmarks.scale;

import dev.sieve.benchmarks.e2e.CpuUsage;
import dev.sieve.benchmarks.e2e.MixedEvents;
import dev.sieve.benchmarks.e2e.SdkLoad;
import dev.sieve.benchmarks.e2e.Tables;
import dev.sieve.benchmarks.scale.TopicBytes.Hop;
import dev.sieve.enginelocal.ChdbEngine;
import dev.sieve.enrich.geo.RangeTableGeo;
import dev.sieve.kafkalocal.KafkaNode;
import dev.sieve.local.DemoKeys;
import dev.sieve.local.LocalPipeline;
import dev.sieve.local.clickhouse.EmbeddedClickHouseServer;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.clickhouse.SchemaOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One run of the scale benchmark ({@code ScaleBenchmark}): the broker, ClickHouse and the apps in this JVM, each
 * instance count's stages in JVMs of their own, the figures printed and written as CSV.
 */
public final class ScaleRun {

    /** A stage that makes no progress for this long has failed; the run stops rather than wait forever. */
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Stages in start order: what stores first, what takes events last. */
    private static final List<StageKind> START_ORDER = List.of(StageKind.SINK, StageKind.ANONYMIZE, StageKind.ENRICH,
            StageKind.COLLECTOR);

    private final ScaleSettings s;
    private final List<Round> rounds = new ArrayList<>();
    private final Map<String, String> context = new LinkedHashMap<>();

    public ScaleRun(ScaleSettings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What one instance count measured in its burst.
     *
     * @param instances      instances of each stage
     * @param events         events in the burst
     * @param rows           rows they stored
     * @param storedSeconds  first send until ClickHouse held every row
     * @param acceptedSeconds first send until the collectors had answered every event
     * @param windowSeconds  the CPU window: from just before the first send until every row was stored
     * @param stageCpuNanos  CPU of each stage over the window, summed over its instances
     * @param stageJitNanos  of which its JIT compilers' threads
     * @param idleCores      cores one instance of each stage used while idle, after the burst
     * @param jvm            this JVM's (broker, ClickHouse's HTTP interface, apps) and the chDB helper's CPU
     * @param bytesPerEvent  bytes of broker log per event, by hop
     * @param loadBefore     load average (1, 5, 15 min) before the burst
     * @param loadAfter      and after it
     */
    record Round(int instances, int events, long rows, double storedSeconds, double acceptedSeconds,
            double windowSeconds, Map<StageKind, Long> stageCpuNanos, Map<StageKind, Long> stageJitNanos,
            Map<StageKind, Double> idleCores, CpuUsage.Report jvm,
            Map<Hop, Double> bytesPerEvent, String loadBefore, String loadAfter) {

        double storedRate() {
            return events / storedSeconds;
        }

        double acceptedRate() {
            return events / acceptedSeconds;
        }

        /** CPU of a stage in ms per 1 000 events. */
        double stageMillisPerThousand(StageKind stage) {
            return stageCpuNanos.get(stage) / 1e6 / (events / 1e3);
        }

        /** CPU of a stage in ms per 1 000 events, less its JIT compilers': what a long-warmed instance spends. */
        double stageWorkMillisPerThousand(StageKind stage) {
            return (stageCpuNanos.get(stage) - stageJitNanos.get(stage)) / 1e6 / (events / 1e3);
        }

        /** ms per 1 000 events from a share of cores over the window. */
        double millisPerThousand(double cores) {
            return cores * windowSeconds * 1e3 / (events / 1e3);
        }

        /**
         * The broker's share of this JVM: all of it but the apps and ClickHouse's HTTP interface (so its garbage
         * collection and JIT compiler, and the benchmark's own polling, which is small, count as the broker's).
         */
        double brokerCores() {
            return jvm.jvm() - jvm.part(CpuUsage.SDK_CLIENTS) - jvm.part(CpuUsage.CLICKHOUSE_HTTP);
        }

        /** The broker's share less this JVM's JIT compiler: what a long-warmed broker spends. */
        double brokerWorkCores() {
            return brokerCores() - jvm.jitCompiler();
        }

        /** The engine: the chDB helper process and the Java side of its HTTP interface. */
        double clickHouseCores() {
            return jvm.helper() + jvm.part(CpuUsage.CLICKHOUSE_HTTP);
        }

        double stagesCores() {
            return stageCpuNanos.values().stream().mapToLong(Long::longValue).sum() / 1e9 / windowSeconds;
        }

        /** What other processes on the machine used: not this JVM, not the helper, not the stages. */
        double othersCores() {
            return Math.max(0, jvm.machine() - jvm.jvm() - jvm.helper() - stagesCores());
        }

        /** Bytes the broker's logs grew by per event, every topic (one copy: replication factor 1 here). */
        double producedBytesPerEvent() {
            return bytesPerEvent.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Bytes the stages read back per event: each hop's topics once (the state changelogs only on a restore). */
        double consumedBytesPerEvent() {
            return bytesPerEvent.get(Hop.RAW) + bytesPerEvent.get(Hop.ENRICHED) + bytesPerEvent.get(Hop.PURPOSE);
        }
    }

    public void run() throws Exception {
        context.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        context.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        context.put("load_average_at_start", CpuUsage.loadAverage());
        context.put("started_utc", Instant.now().toString());
        System.out.printf("scale benchmark: %s cores, %s, load average %s (1, 5, 15 min)%n", context.get("cores"),
                context.get("jdk"), context.get("load_average_at_start"));
        Path work = Files.createTempDirectory("sieve-scale-");
        System.out.println("stage configuration files and logs: " + work);
        Policy policy = PolicyLoader.loadDefault();
        try (KafkaNode kafka = new KafkaNode().start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                ChdbEngine engine = new ChdbEngine(EmbeddedClickHouseServer.ENGINE_CONNECTIONS).start();
                EmbeddedClickHouseServer clickHouse = EmbeddedClickHouseServer.start(engine,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            TopicApplier.apply(admin, new Topics(policy).all(), s.partitions(), (short) 1);
            context.put("clickhouse", "chDB " + engine.version());
            Path keys = work.resolve("keys");
            DemoKeys.write(keys, policy, new SecureRandom());
            byte[] apiKey = new byte[18];
            new SecureRandom().nextBytes(apiKey);
            StageProperties properties = new StageProperties(kafka.bootstrapServers(), keys, bundledGeoRanges(work),
                    clickHouse.url(), policy.regions().keySet(), work, LocalPipeline.APP_ID,
                    "bench-" + Base64.getUrlEncoder().withoutPadding().encodeToString(apiKey), s.sinkBatchAge());
            Tables tables = new Tables(policy);
            TopicBytes bytes = new TopicBytes(admin, policy);
            for (int n : s.instances()) {
                rounds.add(measure(n, properties, engine, tables, bytes));
            }
        }
        context.put("load_average_at_end", CpuUsage.loadAverage());
        // The demo keys and the stages' state go with it; the logs of a failed run stay (the exception names them).
        deleteTree(work);
        print();
        write();
    }

    /** Starts {@code n} instances of each stage, warms them up, measures one burst and stops them. */
    private Round measure(int n, StageProperties properties, ChdbEngine engine, Tables tables, TopicBytes bytes)
            throws Exception {
        phase(n + " instance(s) of each stage: starting " + 4 * n + " JVMs");
        List<StageProcess> processes = new ArrayList<>();
        try {
            start(n, properties, processes);
            List<URI> collectors = processes.stream().filter(p -> p.stage() == StageKind.COLLECTOR)
                    .map(p -> URI.create("http://localhost:" + p.port())).toList();
            try (SdkLoad apps = new SdkLoad(collectors, properties.apiKey(), properties.appId(), s.clients(),
                    s.batch(), s.linger(), new MixedEvents(s.devices()))) {
                // Each instance is a fresh JVM: bursts until their JIT compilers have nearly settled, as a
                // long-running deployment's have, so the burst measures the stages' work, not their compilation.
                double jit = Double.NaN;
                for (int b = 1; b <= s.warmupBursts() && !(jit < s.jitSettled()); b++) {
                    phase(n + " instance(s): warm-up burst " + b + " (at most " + s.warmupBursts() + "), "
                            + s.warmup() + " events");
                    long target = rows(engine) + tables.rows(s.warmup());
                    Map<StageProcess, Long> jitBefore = jit(processes);
                    long first = System.currentTimeMillis();
                    apps.burst("n" + n + "-warm" + b, s.warmup());
                    long stored = awaitRows(engine, target, processes);
                    jit = sum(jit(processes), jitBefore) / 1e6 / (System.currentTimeMillis() - first);
                    System.err.printf(Locale.ROOT, "  %.0f events/s stored; the stages' JIT compilers used %.2f "
                            + "cores%n", s.warmup() / ((stored - first) / 1e3), jit);
                    context.put("warmup_bursts_" + n, Integer.toString(b));
                }
                phase(n + " instance(s): measured burst, " + s.events() + " events as fast as the collectors take "
                        + "them");
                return burst(n, apps, engine, tables, bytes, processes);
            }
        } finally {
            phase(n + " instance(s): stopping");
            stop(processes);
        }
    }

    private Round burst(int n, SdkLoad apps, ChdbEngine engine, Tables tables, TopicBytes bytes,
            List<StageProcess> processes) throws Exception {
        long rows = tables.rows(s.events());
        long target = rows(engine) + rows;
        Map<Hop, Long> bytesBefore = bytes.now();
        String loadBefore = CpuUsage.loadAverage();
        Map<StageProcess, Long> cpuBefore = cpu(processes);
        Map<StageProcess, Long> jitBefore = jit(processes);
        CpuUsage.Snapshot jvmBefore = CpuUsage.take();
        long windowStart = System.nanoTime();
        SdkLoad.Burst burst = apps.burst("n" + n + "-burst", s.events());
        long stored = awaitRows(engine, target, processes);
        long windowEnd = System.nanoTime();
        CpuUsage.Report jvm = CpuUsage.between(jvmBefore, CpuUsage.take());
        Map<StageProcess, Long> cpuAfter = cpu(processes);
        Map<StageProcess, Long> jitAfter = jit(processes);
        String loadAfter = CpuUsage.loadAverage();
        Map<Hop, Double> perEvent = TopicBytes.perEvent(bytesBefore, bytes.now(), s.events());
        // What the stages spend with nothing to do (polls, heartbeats, metrics), apart from the events.
        phase(n + " instance(s): idle for " + s.idle().toSeconds() + " s");
        Map<StageProcess, Long> idleBefore = cpu(processes);
        long idleStart = System.nanoTime();
        Thread.sleep(s.idle().toMillis());
        Map<StageKind, Long> idle = byStage(idleBefore, cpu(processes));
        double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
        Map<StageKind, Double> idleCores = new EnumMap<>(StageKind.class);
        idle.forEach((k, nanos) -> idleCores.put(k, nanos / 1e9 / idleSeconds / n));
        if (perEvent.get(Hop.DEAD_LETTERS) > 0) {
            throw new IllegalStateException("records were dead-lettered during the burst: figures invalid (see the "
                    + "stage logs)");
        }
        Round r = new Round(n, s.events(), rows, (stored - burst.firstSendMillis()) / 1e3,
                (burst.acceptedMillis() - burst.firstSendMillis()) / 1e3, (windowEnd - windowStart) / 1e9,
                byStage(cpuBefore, cpuAfter), byStage(jitBefore, jitAfter), idleCores, jvm, perEvent, loadBefore,
                loadAfter);
        System.err.printf(Locale.ROOT, "  %.0f events/s stored, collectors acknowledged %.0f events/s; load average "
                + "%s -> %s%n", r.storedRate(), r.acceptedRate(), loadBefore, loadAfter);
        return r;
    }

    /**
     * Starts the first instance of every stage, waits until each is healthy (so the sink's first start creates the
     * tables alone, and anonymize's first makes the salts alone), then the others, and waits for them too.
     */
    private void start(int n, StageProperties properties, List<StageProcess> processes) throws Exception {
        Path dir = Files.createDirectories(properties.workDir().resolve("instances-" + n));
        List<String> jvm = List.of("-Xmx" + s.stageHeap());
        for (int from : n == 1 ? List.of(0) : List.of(0, 1)) {
            List<StageProcess> started = new ArrayList<>();
            for (StageKind stage : START_ORDER) {
                for (int i = from; i < (from == 0 ? 1 : n); i++) {
                    int port = freePort();
                    StageProcess p = StageProcess.start(stage, i, port, properties.of(stage, i, port), dir, jvm);
                    processes.add(p);
                    started.add(p);
                }
            }
            for (StageProcess p : started) {
                p.awaitHealthy(s.startTimeout());
            }
        }
    }

    /** Asks every instance to stop at once, then waits for each. */
    private static void stop(List<StageProcess> processes) {
        processes.forEach(StageProcess::signalStop);
        processes.forEach(StageProcess::close);
    }

    private static Map<StageProcess, Long> cpu(List<StageProcess> processes) {
        Map<StageProcess, Long> cpu = new LinkedHashMap<>();
        processes.forEach(p -> cpu.put(p, p.cpuNanos()));
        return cpu;
    }

    private static Map<StageProcess, Long> jit(List<StageProcess> processes) {
        Map<StageProcess, Long> jit = new LinkedHashMap<>();
        processes.forEach(p -> jit.put(p, p.jitNanos()));
        return jit;
    }

    /**
     * Nanoseconds between two readings, summed over the processes. A JIT compiler thread the JVM retired in between
     * takes its time with it; such a process counts as 0 rather than negative.
     */
    private static long sum(Map<StageProcess, Long> after, Map<StageProcess, Long> before) {
        return after.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - before.get(e.getKey()))).sum();
    }

    private static Map<StageKind, Long> byStage(Map<StageProcess, Long> before, Map<StageProcess, Long> after) {
        Map<StageKind, Long> byStage = new EnumMap<>(StageKind.class);
        for (StageKind k : StageKind.values()) {
            byStage.put(k, 0L);
        }
        after.forEach((p, nanos) -> byStage.merge(p.stage(), Math.max(0, nanos - before.get(p)), Long::sum));
        return byStage;
    }

    /** Rows in the sink's database (ClickHouse's {@code system.tables.total_rows}, exact for MergeTree). */
    private static long rows(ChdbEngine engine) {
        String sum = engine.query("SELECT sum(total_rows) FROM system.tables WHERE database = '"
                + SchemaOptions.DEFAULT_DATABASE + "'", "TabSeparated").strip();
        return sum.isEmpty() || sum.equals("\\N") ? 0 : Long.parseLong(sum);
    }

    /**
     * Waits until the database holds {@code target} rows and returns when it saw them (epoch ms).
     *
     * @throws IllegalStateException if it holds more (a row stored twice), an instance ended, or nothing moved for
     *                               {@link #STALL}
     */
    private static long awaitRows(ChdbEngine engine, long target, List<StageProcess> processes)
            throws InterruptedException {
        long last = -1;
        long lastMove = System.nanoTime();
        while (true) {
            long rows = rows(engine);
            if (rows == target) {
                return System.currentTimeMillis();
            }
            if (rows > target) {
                throw new IllegalStateException((rows - target) + " more rows than the events make: figures invalid");
            }
            if (rows != last) {
                last = rows;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > STALL.toNanos()) {
                throw new IllegalStateException("no row stored for " + STALL.toSeconds() + " s; " + (target - rows)
                        + " rows missing");
            }
            processes.forEach(StageProcess::requireAlive);
            Thread.sleep(POLL.toMillis());
        }
    }

    private void print() {
        System.out.println();
        System.out.println("Per burst of " + s.events() + " events, topics of " + s.partitions() + " partitions; CPU "
                + "in ms per 1 000 events (all instances of a stage together), JIT compilers' share in brackets");
        System.out.printf("%-9s %9s %9s %-11s %-11s %-11s %-11s %-11s %10s %6s %6s  %s%n", "instances", "stored/s",
                "acked/s", "collector", "enrich", "anonymize", "sink", "broker", "ClickHouse", "apps", "others",
                "load average before -> after");
        for (Round r : rounds) {
            System.out.printf(Locale.ROOT, "%-9d %9.0f %9.0f", r.instances(), r.storedRate(), r.acceptedRate());
            for (StageKind k : StageKind.values()) {
                System.out.printf(Locale.ROOT, " %-11s", String.format(Locale.ROOT, "%.1f (%.0f)",
                        r.stageMillisPerThousand(k), r.stageMillisPerThousand(k) - r.stageWorkMillisPerThousand(k)));
            }
            System.out.printf(Locale.ROOT, " %-11s %10.1f %6.1f %6.2f  %s -> %s%n", String.format(Locale.ROOT,
                    "%.1f (%.0f)", r.millisPerThousand(r.brokerCores()), r.millisPerThousand(r.jvm().jitCompiler())),
                    r.millisPerThousand(r.clickHouseCores()), r.millisPerThousand(r.jvm().part(CpuUsage.SDK_CLIENTS)),
                    r.othersCores(), r.loadBefore(), r.loadAfter());
        }
        System.out.println("(others: cores other processes on the machine used during the burst)");
        System.out.println("cores one instance used while idle after the burst:");
        for (Round r : rounds) {
            System.out.printf(Locale.ROOT, "  %d instance(s):", r.instances());
            r.idleCores().forEach((k, c) -> System.out.printf(Locale.ROOT, " %s %.3f", k.id(), c));
            System.out.println();
        }
        Round base = fastest();
        System.out.println();
        System.out.printf(Locale.ROOT, "bytes of broker log per event (%d instance(s)):%n", base.instances());
        base.bytesPerEvent().forEach((hop, b) -> System.out.printf(Locale.ROOT, "  %-60s %8.0f%n", hop.label, b));
        System.out.printf(Locale.ROOT, "  rows per event %.2f%n", (double) base.rows() / base.events());
        ClusterSizing.Sizing sizing = sizing(base);
        ClusterSizing.Assumptions a = s.assumptions();
        System.out.println();
        System.out.printf(Locale.ROOT, "cluster for %.0f events/s, from the fastest burst's (%d instances) CPU less "
                + "JIT compilation (at %.0f %% of each core):%n", a.eventsPerSecond(), base.instances(),
                100 * a.cpuUtilization());
        sizing.coresByStage().forEach((stage, cores) -> System.out.printf(Locale.ROOT, "  %-45s %8.1f cores%n", stage,
                cores));
        System.out.printf(Locale.ROOT, "  Kafka: %.0f MB/s on the busiest resource, %d brokers (RF %d, %.0f MB/s per "
                + "broker at %.0f %%)%n", sizing.brokerBusiestMBps(), sizing.brokers(), a.replicationFactor(),
                a.brokerMegabytesPerSecond(), 100 * a.brokerUtilization());
        System.out.printf(Locale.ROOT, "  ClickHouse: %.0f rows/s, %d shards x %d replicas = %d nodes (%.0f rows/s "
                + "per node at %.0f %%)%n", sizing.clickHouseRowsPerSecond(), sizing.clickHouseShards(),
                a.clickHouseReplicas(), sizing.clickHouseNodes(), a.clickHouseRowsPerNodeSecond(),
                100 * a.clickHouseUtilization());
    }

    /**
     * The round whose costs the sizing takes: the fastest. A deployment at the target rate runs every instance
     * saturated, and costs per event fall as the rate rises (the sink's batches and the producers' record batches
     * grow, fixed costs per poll and commit spread over more events), so the fastest round's costs are the nearest
     * to it, and still an overstatement. On a shared machine the fastest is also the one other processes disturbed
     * least.
     */
    private Round fastest() {
        return rounds.stream().max(Comparator.comparingDouble(Round::storedRate)).orElseThrow();
    }

    /**
     * The cluster from one round's costs. The broker measured here keeps one copy; with the replication factor every
     * byte is written that many times, so its CPU is scaled by it (an estimate: followers fetch rather than take
     * produce requests). The engine's CPU is listed beside the node count from rows per second, as a check.
     */
    private ClusterSizing.Sizing sizing(Round r) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (StageKind k : StageKind.values()) {
            cpu.put(k.id(), r.stageWorkMillisPerThousand(k));
        }
        cpu.put("Kafka brokers (measured at RF 1, x RF)",
                r.millisPerThousand(r.brokerWorkCores()) * s.assumptions().replicationFactor());
        cpu.put("ClickHouse (chDB's CPU here, for comparison)", r.millisPerThousand(r.clickHouseCores()));
        return ClusterSizing.size(new ClusterSizing.Measured(cpu, r.producedBytesPerEvent(),
                r.consumedBytesPerEvent(), (double) r.rows() / r.events()), s.assumptions());
    }

    private void write() throws IOException {
        Path out = s.out();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("instances,partitions,events,rows,stored_events_per_s,"
                    + "acknowledged_events_per_s,stored_seconds");
            for (StageKind k : StageKind.values()) {
                header.append(",cpu_ms_per_1000_events_").append(k.id());
            }
            for (StageKind k : StageKind.values()) {
                header.append(",jit_ms_per_1000_events_").append(k.id());
            }
            for (StageKind k : StageKind.values()) {
                header.append(",idle_cores_per_instance_").append(k.id());
            }
            header.append(",jit_ms_per_1000_events_benchmark_jvm,cpu_ms_per_1000_events_broker,cpu_ms_per_1000_events_clickhouse,"
                    + "cpu_ms_per_1000_events_chdb_helper,cpu_ms_per_1000_events_apps,cores_stages,cores_broker,"
                    + "cores_clickhouse,cores_apps,cores_machine,cores_other_processes");
            for (Hop h : Hop.values()) {
                header.append(",bytes_per_event_").append(h.name().toLowerCase(Locale.ROOT));
            }
            w.println(header.append(",load_average_before,load_average_after"));
            for (Round r : rounds) {
                StringBuilder line = new StringBuilder();
                line.append(r.instances()).append(',').append(s.partitions()).append(',').append(r.events())
                        .append(',').append(r.rows()).append(',').append(number(r.storedRate())).append(',')
                        .append(number(r.acceptedRate())).append(',').append(number(r.storedSeconds()));
                for (StageKind k : StageKind.values()) {
                    line.append(',').append(number(r.stageMillisPerThousand(k)));
                }
                for (StageKind k : StageKind.values()) {
                    line.append(',').append(number(r.stageMillisPerThousand(k) - r.stageWorkMillisPerThousand(k)));
                }
                for (StageKind k : StageKind.values()) {
                    line.append(',').append(number(r.idleCores().get(k)));
                }
                line.append(',').append(number(r.millisPerThousand(r.jvm().jitCompiler())));
                line.append(',').append(number(r.millisPerThousand(r.brokerCores())))
                        .append(',').append(number(r.millisPerThousand(r.clickHouseCores())))
                        .append(',').append(number(r.millisPerThousand(r.jvm().helper())))
                        .append(',').append(number(r.millisPerThousand(r.jvm().part(CpuUsage.SDK_CLIENTS))))
                        .append(',').append(number(r.stagesCores())).append(',').append(number(r.brokerCores()))
                        .append(',').append(number(r.clickHouseCores()))
                        .append(',').append(number(r.jvm().part(CpuUsage.SDK_CLIENTS)))
                        .append(',').append(number(r.jvm().machine())).append(',').append(number(r.othersCores()));
                for (Hop h : Hop.values()) {
                    line.append(',').append(number(r.bytesPerEvent().get(h)));
                }
                w.println(line.append(",\"").append(r.loadBefore()).append("\",\"").append(r.loadAfter()).append('"'));
            }
        }
        Path sizingOut = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + "-sizing.csv");
        Round base = fastest();
        ClusterSizing.Sizing sizing = sizing(base);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(sizingOut, StandardCharsets.UTF_8))) {
            w.println("item,value,unit");
            w.println("measured_at_instances," + base.instances() + ",");
            sizing.coresByStage().forEach((stage, cores) -> w.println("cores " + stage.replace(",", ";") + ","
                    + number(cores) + ",cores"));
            w.println("kafka_produced_bytes_per_event," + number(base.producedBytesPerEvent()) + ",bytes");
            w.println("kafka_consumed_bytes_per_event," + number(base.consumedBytesPerEvent()) + ",bytes");
            w.println("kafka_busiest_resource," + number(sizing.brokerBusiestMBps()) + ",MB/s");
            w.println("kafka_brokers," + sizing.brokers() + ",nodes");
            w.println("clickhouse_rows_per_second," + number(sizing.clickHouseRowsPerSecond()) + ",rows/s");
            w.println("clickhouse_shards," + sizing.clickHouseShards() + ",shards");
            w.println("clickhouse_nodes," + sizing.clickHouseNodes() + ",nodes");
            s.given().forEach((k, v) -> w.println("setting_" + k + ",\"" + v + "\","));
            context.forEach((k, v) -> w.println("context_" + k + ",\"" + v + "\","));
        }
        System.out.println();
        System.out.println("wrote " + out + " and " + sizingOut);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
    }

    private static Path bundledGeoRanges(Path work) throws IOException {
        Path file = work.resolve("geo-ranges.csv");
        try (InputStream in = RangeTableGeo.class.getResourceAsStream(RangeTableGeo.BUNDLED)) {
            Files.copy(Objects.requireNonNull(in, RangeTableGeo.BUNDLED), file);
        }
        return file;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void phase(String what) {
        System.err.println(Instant.now() + " " + what);
    }
}
