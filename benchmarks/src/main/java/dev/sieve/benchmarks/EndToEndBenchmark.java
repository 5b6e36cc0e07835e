package dev.sieve.benchmarks;

import dev.sieve.local.console.LocalMain;
import com.sun.management.OperatingSystemMXBean;
import dev.sieve.benchmarks.e2e.CpuUsage;
import dev.sieve.benchmarks.e2e.Distribution;
import dev.sieve.benchmarks.e2e.KafkaPassThrough;
import dev.sieve.benchmarks.e2e.KeyValueArgs;
import dev.sieve.benchmarks.e2e.Landing;
import dev.sieve.benchmarks.e2e.MixedEvents;
import dev.sieve.benchmarks.e2e.PipelineMeters;
import dev.sieve.benchmarks.e2e.PipelineMeters.Batch;
import dev.sieve.benchmarks.e2e.SdkLoad;
import dev.sieve.benchmarks.e2e.StageTimeline;
import dev.sieve.benchmarks.e2e.StageTimeline.Sample;
import dev.sieve.benchmarks.e2e.StageTimeline.Stage;
import dev.sieve.benchmarks.e2e.Tables;
import dev.sieve.local.LocalPipeline;
import dev.sieve.local.StreamsStage;
import dev.sieve.benchmarks.e2e.floor.FloorStages;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.write.BatchThresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Events per second and end-to-end latency of the whole pipeline, beside its floor and a raw Kafka pass-through in
 * the same run.
 *
 * <p>The pipeline is {@link LocalPipeline}: one in-process KRaft broker, the real ClickHouse engine (chDB) behind
 * ClickHouse's HTTP interface, and the production collector, enrich, anonymize and sink, all in this JVM, with no
 * demo traffic. Apps are {@link SdkLoad}: several SDK clients, each on its own thread, sending {@link MixedEvents}
 * of all five families from many devices.
 *
 * <p>The floor ({@link FloorStages}) is the same pipeline with identity processing: Sieve's topics, hops, fan-out,
 * exactly-once Streams settings, collector and sink into the same engine, with no privacy work in between. So
 * Sieve / floor is what the privacy work costs and floor / Kafka what the shape costs. Its variant in one Kafka
 * Streams application measures what one hop and one transaction fewer per event would gain.
 *
 * <p>Every pipeline named by {@code pipelines} runs on a broker and engine of its own (they share topic and table
 * names), started one after another and kept running; while one is measured the others idle. Phases, in order:
 *
 * <ol>
 *   <li>warm-up, each pipeline in turn: bursts, each waited for until every row is stored, until the JIT compiler
 *       has nearly settled (this JVM runs broker, Streams, Jetty, Avro and ClickHouse client code, which it compiles
 *       for minutes, and on two cores that takes a good part of one), then a while at an even rate
 *       ({@link #warmUp});</li>
 *   <li>{@code rounds} rounds of: on each pipeline in turn, a burst of {@code events} sent as fast as the collector
 *       accepts them, whose rate is events divided by the time from the first send until ClickHouse has
 *       acknowledged every row of every event (one per purpose the family feeds; counted by the sink's meter, then
 *       checked by counting in ClickHouse), with the collector's acknowledged rate and each stage's progress
 *       ({@link StageTimeline}); then the baseline: the same number of the raw records the first pipeline's
 *       collector produced, through one producer with the collector's settings to a fresh topic on that broker and
 *       one consumer ({@link KafkaPassThrough}). The load from the machine's other processes changes by the minute,
 *       so ratios are taken within a round and reported as their median and range;</li>
 *   <li>latency, unless {@code latency=false}, on each pipeline in turn: {@code rate-fraction} of the first
 *       pipeline's median sustained rate, or {@code latency-rate} events/s where given (the same rate for every
 *       pipeline; a fixed rate compares runs made under different loads), offered evenly for
 *       {@code latency-seconds}; per event, from its send (its event time) until ClickHouse acknowledged its last
 *       row in a raw purpose's table, and its first ({@link Landing});</li>
 *   <li>baseline latency: the raw records at the same rate for as long, producer send to consumer receipt.</li>
 * </ol>
 *
 * Everything shares the machine's cores, so figures are for this machine under its load at the time, which the
 * report states with where the CPU went ({@link CpuUsage}); compare Sieve with the baseline within a run. Run:
 * {@code java -cp ... dev.sieve.benchmarks.EndToEndBenchmark [key=value ...]} (keys in {@link Settings}).
 */
public final class EndToEndBenchmark {

    private static final Path DEFAULT_OUT = Path.of("benchmarks/results/end-to-end.csv");
    /** A stage that makes no progress for this long has failed; the benchmark stops rather than wait forever. */
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final double[] PERCENTILES = percentiles();
    private static final double JIT_SETTLED = 0.2;
    private static final int MAX_WARMUP_BURSTS = 12;
    private static final int PACED_WARMUP_SECONDS = 15;

    private EndToEndBenchmark() {}

    /**
     * A pipeline to measure: Sieve (enrich and anonymize as two Kafka Streams applications, or as one:
     * {@link StreamsStage}), or its floor (Sieve's shape with no privacy work, {@link FloorStages}) as two Kafka Streams
     * applications like Sieve's or composed into one.
     */
    enum Variant {
        SIEVE("sieve", "Sieve", StreamsStage.PRODUCTION),
        SIEVE_ONE_APP("sieve-one-app", "Sieve, one app", StreamsStage.ONE_APPLICATION),
        FLOOR("floor", "floor", FloorStages.twoApplications()),
        FLOOR_ONE_APP("floor-one-app", "floor, one app", FloorStages.oneApplication());

        final String id;
        final String label;
        final List<StreamsStage> stages;

        Variant(String id, String label, List<StreamsStage> stages) {
            this.id = id;
            this.label = label;
            this.stages = stages;
        }

        /** Its name in CSV columns and file names. */
        String column() {
            return id.replace('-', '_');
        }
    }

    /**
     * What to run. Every key has a default; unknown keys and bad values are reported together.
     *
     * @param events          events in the throughput burst (and raw records in the baseline's)
     * @param warmup          events in each warm-up burst
     * @param clients         SDK clients, one thread each
     * @param devices         devices the events come from
     * @param batch           the SDK's batch size (the collector takes at most 500 per request)
     * @param lingerMillis    how long the SDK lets a batch fill
     * @param sinkAgeMillis   the sink's batch age ({@code batch.max-age-ms}; the sink's default), which latency includes
     * @param partitions      partitions of every topic, the baseline's too
     * @param latencySeconds  how long the latency phases offer their rate
     * @param latencyWarmupSeconds how long each latency phase's rate is offered first, unmeasured ({@code 0}: not),
     *                        so the JIT compiler has compiled what the paced phase runs before it is measured
     * @param rateFraction    the latency phases' rate as a fraction of the first pipeline's sustained rate
     * @param latencyRate     the latency phases' rate in events/s instead, if present ({@code latency-rate=auto}:
     *                        absent)
     * @param pipelines       which pipelines to measure, in this order ({@link Variant}); the Kafka pass-through
     *                        runs on the first one's broker
     * @param rounds          throughput bursts on each pipeline, taken in turns, each round with a Kafka
     *                        pass-through: the figures are the medians, the ratios the rounds' medians
     * @param latency         whether to run the latency phases, or the throughput phases only
     * @param out             the results CSV; the latency percentiles, the burst's stage timeline and its sink
     *                        batches go beside it
     */
    record Settings(int events, int warmup, int clients, int devices, int batch, int lingerMillis, int sinkAgeMillis,
            int partitions, int latencySeconds, int latencyWarmupSeconds, double rateFraction,
            OptionalInt latencyRate,
            List<Variant> pipelines, int rounds, boolean latency, Path out) {

        static Settings parse(String[] args) {
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("events", "100000");
            defaults.put("warmup", "30000");
            defaults.put("clients", "4");
            defaults.put("devices", "20000");
            defaults.put("batch", "500");
            defaults.put("linger-ms", "50");
            defaults.put("sink-batch-age-ms", Long.toString(BatchThresholds.DEFAULT_MAX_AGE.toMillis()));
            defaults.put("partitions", "1");
            defaults.put("latency-seconds", "45");
            defaults.put("latency-warmup-seconds", "0");
            defaults.put("rate-fraction", "0.5");
            defaults.put("latency-rate", "auto");
            defaults.put("pipelines", "sieve,floor");
            defaults.put("rounds", "3");
            defaults.put("latency", "true");
            defaults.put("out", DEFAULT_OUT.toString());
            KeyValueArgs a = new KeyValueArgs(args, defaults);
            Settings s = null;
            try {
                s = new Settings(a.positive("events"), a.positive("warmup"), a.positive("clients"),
                        a.positive("devices"), a.positive("batch"), a.positive("linger-ms"),
                        a.positive("sink-batch-age-ms"), a.positive("partitions"), a.positive("latency-seconds"),
                        a.nonNegative("latency-warmup-seconds"),
                        a.fraction("rate-fraction"), a.text("latency-rate").equals("auto") ? OptionalInt.empty()
                                : OptionalInt.of(a.positive("latency-rate")), variants(a), a.positive("rounds"),
                        a.bool("latency"),
                        Path.of(a.text("out")));
            } catch (RuntimeException e) {
                a.problem(e.getMessage());
            }
            a.finish();
            return s;
        }

        private static List<Variant> variants(KeyValueArgs a) {
            List<Variant> variants = new ArrayList<>();
            for (String name : a.text("pipelines").split(",")) {
                Optional<Variant> found = Arrays.stream(Variant.values()).filter(x -> x.id.equals(name.strip()))
                        .findFirst();
                if (found.isEmpty()) {
                    a.problem("pipelines: unknown pipeline '" + name.strip() + "' (known: "
                            + Arrays.stream(Variant.values()).map(x -> x.id).toList() + ")");
                } else if (!variants.contains(found.get())) {
                    variants.add(found.get());
                }
            }
            if (variants.isEmpty()) {
                a.problem("pipelines must name at least one pipeline");
            }
            return variants;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s;
        try {
            s = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Libraries log warnings and errors only; the broker's replica manager not at all (see LocalMain).
        LocalMain.useLocalLogConfiguration();
        new EndToEndBenchmark().run(s);
        // The broker's and clients' leftover threads must not keep the JVM alive.
        System.exit(0);
    }

    private final Map<String, String> context = new LinkedHashMap<>();

    private void run(Settings s) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        context.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        context.put("ram_gib", String.format(Locale.ROOT, "%.1f", os.getTotalMemorySize() / (double) (1L << 30)));
        context.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        context.put("load_average_at_start", CpuUsage.loadAverage());
        System.out.printf("end-to-end benchmark: %s cores, %s GiB RAM, %s, load average %s (1, 5, 15 min)%n",
                context.get("cores"), context.get("ram_gib"), context.get("jdk"), context.get("load_average_at_start"));
        Results results = new Results();
        List<Started> pipelines = new ArrayList<>();
        try (PipelineMeters meters = PipelineMeters.install()) {
            try {
                for (Variant variant : s.pipelines()) {
                    pipelines.add(start(s, variant, meters));
                }
                measure(s, pipelines, meters, results);
            } finally {
                for (int i = pipelines.size() - 1; i >= 0; i--) {
                    pipelines.get(i).close();
                }
            }
        }
        context.put("load_average_at_end", CpuUsage.loadAverage());
        results.print(s);
        results.write(s, context);
    }

    /** A running pipeline, its apps and the tables its events land in. */
    private record Started(Variant variant, LocalPipeline pipeline, SdkLoad apps, Tables tables)
            implements AutoCloseable {
        @Override
        public void close() {
            apps.close();
            pipeline.close();
        }
    }

    /**
     * Starts one pipeline, on a broker and engine of its own (the pipelines share topic and table names), and warms
     * it up. It stays running, idle, while the others are measured.
     */
    private Started start(Settings s, Variant variant, PipelineMeters meters) throws Exception {
        phase("starting " + variant.label);
        LocalPipeline pipeline = LocalPipeline.builder().collector("127.0.0.1", 0).clickHouseHttpPort(0)
                .metricsPort(-1).partitions(s.partitions()).sinkBatchMaxAge(Duration.ofMillis(s.sinkAgeMillis()))
                .streamsStages(variant.stages)
                .progress(line -> System.err.println("  pipeline: " + line)).start();
        SdkLoad apps;
        try {
            apps = new SdkLoad(List.of(URI.create(pipeline.collectorUrl())), pipeline.apiKey(), pipeline.appId(),
                    s.clients(), s.batch(), Duration.ofMillis(s.lingerMillis()), new MixedEvents(s.devices()));
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        Started started = new Started(variant, pipeline, apps, new Tables(pipeline.policy()));
        try {
            context.putIfAbsent("clickhouse", "chDB " + pipeline.query("SELECT version()", "TabSeparated").strip());
            warmUp(s, variant, apps, meters, started.tables());
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
        return started;
    }

    /**
     * The phases, one pipeline at a time while the others idle: {@code rounds} rounds of one throughput burst on
     * each pipeline and one Kafka pass-through (on the first pipeline's broker), so every ratio can be taken between
     * figures measured a minute apart, round by round; then each pipeline's latency phase at the same rate, and
     * Kafka's.
     */
    private void measure(Settings s, List<Started> pipelines, PipelineMeters meters, Results results)
            throws Exception {
        long deadLettersBefore = meters.deadLetters();
        KafkaPassThrough kafka = null;
        for (int round = 1; round <= s.rounds(); round++) {
            for (Started p : pipelines) {
                phase(String.format(Locale.ROOT, "%s, sustained throughput, round %d of %d: %d events, as fast as "
                        + "the pipeline takes them", p.variant().label, round, s.rounds(), s.events()));
                Map<String, Long> rowsBefore = p.pipeline().tableRows();
                Sustained sustained = sustained(s, "tput" + round, p.apps(), meters, p.tables());
                verifyStored(p.pipeline(), p.tables(), rowsBefore, s.events());
                results.runs.computeIfAbsent(p.variant(), v -> new Run()).rounds.add(sustained);
            }
            if (kafka == null) {
                // The raw records of the first pipeline's burst, which the collector has produced by now.
                LocalPipeline first = pipelines.get(0).pipeline();
                kafka = new KafkaPassThrough(first.kafkaClientProperties(), s.partitions(),
                        KafkaPassThrough.rawRecords(first.kafkaClientProperties(), new Topics(first.policy()),
                                s.events()));
                context.put("raw_record_bytes_mean", String.format(Locale.ROOT, "%.0f", kafka.meanRecordBytes()));
            }
            phase(String.format(Locale.ROOT, "baseline throughput, round %d of %d: %d raw records through Kafka "
                    + "alone", round, s.rounds(), s.events()));
            results.kafkaRates.add(kafka.throughput("throughput-" + round));
        }
        if (s.latency()) {
            // Every pipeline is offered the same rate, from the first one's median burst: latencies compare at the
            // same load.
            results.rate = s.latencyRate().isPresent() ? s.latencyRate().getAsInt()
                    : Math.floor(s.rateFraction() * results.runs.get(pipelines.get(0).variant()).median()
                            .landedRate());
            Duration window = Duration.ofSeconds(s.latencySeconds());
            for (Started p : pipelines) {
                if (s.latencyWarmupSeconds() > 0) {
                    phase(String.format(Locale.ROOT, "%s, warm-up at the latency rate: %.0f events/s for %d s",
                            p.variant().label, results.rate, s.latencyWarmupSeconds()));
                    Duration warm = Duration.ofSeconds(s.latencyWarmupSeconds());
                    long target = meters.rowsStored() + p.tables().rows(SdkLoad.events(results.rate, warm));
                    p.apps().paced("latwarm", results.rate, warm);
                    awaitStored(meters, target);
                }
                phase(String.format(Locale.ROOT, "%s, latency: %.0f events/s for %d s", p.variant().label,
                        results.rate, s.latencySeconds()));
                results.runs.get(p.variant()).latency = latency(p.pipeline(), p.apps(), meters, p.tables(),
                        results.rate, window);
            }
            phase(String.format(Locale.ROOT, "baseline latency: %.0f records/s for %d s", results.rate,
                    s.latencySeconds()));
            results.kafkaLatency = new Distribution(kafka.latencies("latency", results.rate, window));
        }
        if (meters.deadLetters() != deadLettersBefore) {
            throw new IllegalStateException(meters.deadLetters() - deadLettersBefore + " records were dead-lettered: "
                    + "figures invalid");
        }
    }

    /**
     * Sends warm-up bursts until the JIT compiler's threads used less than {@value #JIT_SETTLED} of a core during
     * one, or {@value #MAX_WARMUP_BURSTS} bursts were sent; then offers half the last burst's rate for
     * {@value #PACED_WARMUP_SECONDS} s, so the paced phase's own code paths (small SDK batches) are compiled too.
     */
    private void warmUp(Settings s, Variant variant, SdkLoad apps, PipelineMeters meters, Tables tables)
            throws Exception {
        double jit = Double.NaN;
        double rate = 0;
        int burst = 0;
        while (burst < MAX_WARMUP_BURSTS && !(jit < JIT_SETTLED)) {
            burst++;
            phase(variant.label + ", warm-up burst " + burst + ": " + s.warmup() + " events");
            CpuUsage.Snapshot before = CpuUsage.take();
            long start = System.currentTimeMillis();
            long target = meters.rowsStored() + tables.rows(s.warmup());
            apps.burst("warm" + burst, s.warmup());
            rate = s.warmup() / ((awaitStored(meters, target) - start) / 1e3);
            jit = CpuUsage.between(before, CpuUsage.take()).jitCompiler();
            System.err.printf(Locale.ROOT, "  %.0f events/s; the JIT compiler used %.2f cores%n", rate, jit);
        }
        phase(String.format(Locale.ROOT, "warm-up at an even %.0f events/s for %d s", rate / 2,
                PACED_WARMUP_SECONDS));
        Duration window = Duration.ofSeconds(PACED_WARMUP_SECONDS);
        long target = meters.rowsStored() + tables.rows(SdkLoad.events(rate / 2, window));
        apps.paced("warmpaced", rate / 2, window);
        awaitStored(meters, target);
        context.put(variant.column() + "_warmup_bursts", Integer.toString(burst));
        context.put(variant.column() + "_warmup_last_burst_jit_cores", String.format(Locale.ROOT, "%.2f", jit));
    }

    /**
     * A sink batch's duration as a fixed part and a part per row: the least-squares line through the batches'
     * (rows, milliseconds). The fixed part is what every batch pays however small (one insert per region, each a
     * statement the engine runs on its own), so it says how much batching matters.
     */
    record BatchCost(double fixedMillis, double millisPerThousandRows, int batches) {

        static BatchCost fit(List<Batch> batches) {
            double n = batches.size();
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (Batch b : batches) {
                double x = b.rows();
                double y = b.durationNanos() / 1e6;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            return new BatchCost((sy - slope * sx) / n, 1e3 * slope, batches.size());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f ms + %.1f ms per 1000 rows (least squares over %d batches)",
                    fixedMillis, millisPerThousandRows, batches);
        }
    }

    /** What the throughput burst measured. */
    private record Sustained(int events, long firstSend, long accepted, long landed, List<Sample> timeline,
            List<Stage> stages, CpuUsage.Report cpu, List<Batch> batches, long rows) {

        double landedRate() {
            return events / ((landed - firstSend) / 1e3);
        }

        double acceptedRate() {
            return events / ((accepted - firstSend) / 1e3);
        }

        /**
         * The share of the time between two moments (seconds since the first send) the sink's writer spent in
         * batches. A batch's interval is taken as ending when it was recorded, so it may sit a little late.
         */
        double writerBusy(double fromSeconds, double toSeconds) {
            double from = firstSend + 1e3 * fromSeconds;
            double to = firstSend + 1e3 * toSeconds;
            double busy = 0;
            for (Batch b : batches) {
                double end = b.recordedMillis();
                double start = end - b.durationNanos() / 1e6;
                busy += Math.max(0, Math.min(to, end) - Math.max(from, start));
            }
            return to > from ? busy / (to - from) : 0;
        }
    }

    /** @param prefix the burst's event ids' prefix: a repeated id would be dropped as a retry */
    private static Sustained sustained(Settings s, String prefix, SdkLoad apps, PipelineMeters meters, Tables tables)
            throws Exception {
        long rows = tables.rows(s.events());
        long target = meters.rowsStored() + rows;
        int batchesBefore = meters.batches().size();
        List<Stage> stages = List.of(
                new Stage("collector acknowledged", apps::accepted, s.events()),
                new Stage("enriched", meters::enriched, s.events()),
                new Stage("anonymized (purpose records)", meters::purposeRecords, rows),
                new Stage("stored in ClickHouse (rows)", meters::rowsStored, rows));
        CpuUsage.Snapshot cpuBefore = CpuUsage.take();
        long start = System.currentTimeMillis();
        SdkLoad.Burst burst;
        long landed;
        List<Sample> timeline;
        try (StageTimeline progress = new StageTimeline(stages, start)) {
            burst = apps.burst(prefix, s.events());
            landed = awaitStored(meters, target);
            timeline = progress.stop();
        }
        CpuUsage.Report cpu = CpuUsage.between(cpuBefore, CpuUsage.take());
        List<Batch> batches = meters.batches();
        return new Sustained(s.events(), burst.firstSendMillis(), burst.acceptedMillis(), landed, timeline, stages,
                cpu, batches.subList(batchesBefore, batches.size()), rows);
    }

    /**
     * What the latency phase measured: distributions in milliseconds from send, and the mean time spent between
     * consecutive stages, by stage pair.
     */
    private record Latency(int events, long maxLagMillis, Distribution lastRow, Distribution firstRow,
            Distribution lastStamped, Distribution firstThird, Distribution lastThird, Distribution batchMillis,
            Distribution tableRevisitMillis, double sinkBusyShare, BatchCost batchCost,
            Map<String, Double> meanMillisBetween, CpuUsage.Report cpu) {}

    private static Latency latency(LocalPipeline pipeline, SdkLoad apps, PipelineMeters meters, Tables tables,
            double rate, Duration window) throws Exception {
        int n = SdkLoad.events(rate, window);
        long rows = tables.rows(n);
        long target = meters.rowsStored() + rows;
        int batchesBefore = meters.batches().size();
        List<Stage> stages = List.of(
                new Stage("handed to the SDK", apps::handed, n),
                new Stage("collector acknowledged", apps::accepted, n),
                new Stage("enriched", meters::enriched, n),
                new Stage("anonymized", meters::purposeRecords, rows),
                new Stage("stored in ClickHouse", meters::rowsStored, rows));
        CpuUsage.Snapshot cpuBefore = CpuUsage.take();
        SdkLoad.Paced paced;
        CpuUsage.Report cpu;
        List<Sample> timeline;
        long start = System.currentTimeMillis();
        long sendingEnded;
        try (StageTimeline progress = new StageTimeline(stages, start)) {
            paced = apps.paced("lat", rate, window);
            sendingEnded = System.currentTimeMillis();
            cpu = CpuUsage.between(cpuBefore, CpuUsage.take());
            awaitStored(meters, target);
            timeline = progress.stop();
        }
        // Steady state only: the first fifth of the window fills the pipeline.
        Map<String, Double> between = new LinkedHashMap<>();
        double seconds = window.toNanos() / 1e9;
        for (int i = 0; i + 1 < stages.size(); i++) {
            between.put(stages.get(i).name() + " -> " + stages.get(i + 1).name(), 1e3
                    * StageTimeline.meanSecondsToNext(timeline, i, seconds / 5, seconds, n, rate));
        }
        List<Batch> batches = meters.batches();
        Landing.Times times = Landing.read(pipeline, tables, paced.prefix(), n, batches);
        long[] sent = paced.sendMillis();
        long[] last = new long[n];
        long[] first = new long[n];
        long[] stamped = new long[n];
        for (int i = 0; i < n; i++) {
            last[i] = times.lastStored()[i] - sent[i];
            first[i] = times.firstStored()[i] - sent[i];
            stamped[i] = times.lastStamped()[i] - sent[i];
        }
        List<Batch> phaseBatches = batches.subList(batchesBefore, batches.size());
        long[] batchMillis = phaseBatches.stream().mapToLong(Batch::durationMillis).toArray();
        // The sink's writer while the rate was offered, past the fill-up: how busy, and how often it came back
        // to each table (the interval between two batches of one table).
        long steadyFrom = start + window.toMillis() / 5;
        List<Batch> steady = phaseBatches.stream()
                .filter(b -> b.startEstimateMillis() >= steadyFrom && b.recordedMillis() <= sendingEnded).toList();
        double busy = steady.stream().mapToLong(Batch::durationMillis).sum() / (double) (sendingEnded - steadyFrom);
        Map<String, List<Long>> startsByTable = new TreeMap<>();
        steady.forEach(b -> startsByTable.computeIfAbsent(b.table(), t -> new ArrayList<>())
                .add(b.startEstimateMillis()));
        List<Long> revisits = new ArrayList<>();
        startsByTable.values().forEach(starts -> {
            for (int i = 1; i < starts.size(); i++) {
                revisits.add(starts.get(i) - starts.get(i - 1));
            }
        });
        return new Latency(n, paced.maxLagMillis(), new Distribution(last), new Distribution(first),
                new Distribution(stamped), new Distribution(Arrays.copyOfRange(last, 0, n / 3)),
                new Distribution(Arrays.copyOfRange(last, n - n / 3, n)), new Distribution(batchMillis),
                new Distribution(revisits.stream().mapToLong(Long::longValue).toArray()), busy,
                BatchCost.fit(phaseBatches), between, cpu);
    }

    /**
     * Waits until ClickHouse has acknowledged {@code target} rows in all (the sink's meter, read every 10 ms) and
     * returns when it saw that.
     */
    private static long awaitStored(PipelineMeters meters, long target) throws InterruptedException {
        long last = -1;
        long progressAt = System.nanoTime();
        long reportAt = System.nanoTime();
        while (true) {
            long stored = meters.rowsStored();
            if (stored >= target) {
                return System.currentTimeMillis();
            }
            long now = System.nanoTime();
            if (stored != last) {
                last = stored;
                progressAt = now;
            } else if (now - progressAt > STALL.toNanos()) {
                throw new IllegalStateException("no row stored for " + STALL.toSeconds() + " s: " + stored + " of "
                        + target + " rows, enriched " + meters.enriched() + ", purpose records "
                        + meters.purposeRecords() + ", dead letters " + meters.deadLetters());
            }
            if (now - reportAt > Duration.ofSeconds(10).toNanos()) {
                reportAt = now;
                System.err.printf("  ... %,d rows to go (enriched %,d, purpose records %,d, stored %,d in all)%n",
                        target - stored, meters.enriched(), meters.purposeRecords(), stored);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Counts the burst's rows in every table, in ClickHouse itself: the meter's count must be what is there. Only
     * the burst writes while it runs, so a table's rows of the burst are its rows now less its rows before (most
     * tables could not tell them apart otherwise: their event key is a pseudonym).
     */
    private static void verifyStored(LocalPipeline pipeline, Tables tables, Map<String, Long> before, int n) {
        Map<EventFamily, Long> perFamily = new TreeMap<>();
        for (long seq = 0; seq < n; seq++) {
            perFamily.merge(MixedEvents.family(seq), 1L, Long::sum);
        }
        Map<String, Long> after = pipeline.tableRows();
        for (EventFamily family : EventFamily.values()) {
            for (TableLayout table : tables.of(family)) {
                long count = after.getOrDefault(table.name(), 0L) - before.getOrDefault(table.name(), 0L);
                if (count != perFamily.getOrDefault(family, 0L)) {
                    throw new IllegalStateException(table.name() + " holds " + count + " rows of the burst, expected "
                            + perFamily.get(family));
                }
            }
        }
    }

    private static void phase(String what) {
        System.err.println("[" + Instant.now() + "] " + what + " (load average " + CpuUsage.loadAverage() + ")");
    }

    /** What one pipeline measured: its throughput bursts, one per round, and its latency phase unless skipped. */
    private static final class Run {
        final List<Sustained> rounds = new ArrayList<>();
        Latency latency;

        /** The burst of the median rate (of the upper middle one, for an even number of rounds). */
        Sustained median() {
            List<Sustained> sorted = new ArrayList<>(rounds);
            sorted.sort(Comparator.comparingDouble(Sustained::landedRate));
            return sorted.get(sorted.size() / 2);
        }
    }

    /** The figures, printed as a table and written as CSV. */
    private static final class Results {
        final Map<Variant, Run> runs = new EnumMap<>(Variant.class);
        /** The Kafka pass-through's rate in each round. */
        final List<Double> kafkaRates = new ArrayList<>();
        double rate;
        Distribution kafkaLatency;

        /** Quotients the run reports, numerator first: each says whether a change cut privacy or shape cost. */
        private static final List<List<Variant>> RATIOS = List.of(List.of(Variant.SIEVE, Variant.FLOOR),
                List.of(Variant.FLOOR_ONE_APP, Variant.FLOOR), List.of(Variant.SIEVE, Variant.FLOOR_ONE_APP));

        double kafkaRate() {
            return median(kafkaRates);
        }

        /**
         * Throughput of {@code a} over {@code b} (over Kafka's if {@code b} is null), round by round: each quotient
         * is of two bursts a minute apart, under much the same load from the machine's other processes.
         */
        List<Double> throughputRatios(Variant a, Variant b) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < kafkaRates.size(); i++) {
                double under = b == null ? kafkaRates.get(i) : runs.get(b).rounds.get(i).landedRate();
                ratios.add(runs.get(a).rounds.get(i).landedRate() / under);
            }
            return ratios;
        }

        void print(Settings s) {
            System.out.println();
            System.out.printf("%-44s", "");
            runs.keySet().forEach(v -> System.out.printf(" %14s", v.label));
            System.out.printf(" %20s%n", "Kafka pass-through");
            headline("sustained throughput (events/s), median", r -> r.median().landedRate(), kafkaRate());
            if (s.latency()) {
                headline("latency p50 (ms), raw purposes' rows stored", r -> r.latency.lastRow().percentile(50),
                        kafkaLatency.percentile(50));
                headline("latency p99 (ms), raw purposes' rows stored", r -> r.latency.lastRow().percentile(99),
                        kafkaLatency.percentile(99));
            }
            for (int i = 0; i < kafkaRates.size(); i++) {
                int round = i;
                headline("  round " + (i + 1) + " (events/s)", r -> r.rounds.get(round).landedRate(),
                        kafkaRates.get(i));
            }
            System.out.printf("%n%-44s %24s", "ratios", "throughput: median (range)");
            System.out.println(s.latency() ? String.format(" %12s %12s", "latency p50", "latency p99") : "");
            for (List<Variant> pair : RATIOS) {
                if (runs.containsKey(pair.get(0)) && runs.containsKey(pair.get(1))) {
                    ratio(pair.get(0).label + " / " + pair.get(1).label, throughputRatios(pair.get(0), pair.get(1)),
                            runs.get(pair.get(0)).latency, runs.get(pair.get(1)).latency == null ? null
                                    : runs.get(pair.get(1)).latency.lastRow());
                }
            }
            runs.forEach((v, r) -> ratio(v.label + " / Kafka pass-through", throughputRatios(v, null), r.latency,
                    kafkaLatency));
            runs.forEach((v, r) -> printRun(s, v, r));
        }

        private void headline(String name, ToDoubleFunction<Run> figure, double kafka) {
            System.out.printf("%-44s", name);
            runs.values().forEach(r -> System.out.printf(Locale.ROOT, " %,14.0f", figure.applyAsDouble(r)));
            System.out.printf(Locale.ROOT, " %,20.0f%n", kafka);
        }

        /** Throughput round by round; latency as a over b too (so above 1 is slower), if both have it. */
        private static void ratio(String name, List<Double> throughput, Latency a, Distribution b) {
            String spread = number(median(throughput)) + " (" + number(throughput.stream().mapToDouble(d -> d).min()
                    .orElseThrow()) + "-" + number(throughput.stream().mapToDouble(d -> d).max().orElseThrow()) + ")";
            System.out.printf(Locale.ROOT, "%-44s %24s", name, spread);
            if (a != null && b != null) {
                System.out.printf(Locale.ROOT, " %12s %12s", number((double) a.lastRow().percentile(50)
                        / b.percentile(50)), number((double) a.lastRow().percentile(99) / b.percentile(99)));
            }
            System.out.println();
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        private void printRun(Settings s, Variant v, Run r) {
            Sustained t = r.median();
            System.out.println();
            System.out.printf(Locale.ROOT, "%s, the median round's throughput burst: %,d events (%,d rows, %.2f per "
                    + "event), %d SDK clients, batches of %d, linger %d ms%n", v.label, t.events(), t.rows(),
                    (double) t.rows() / t.events(), s.clients(), s.batch(), s.lingerMillis());
            System.out.printf(Locale.ROOT, "  collector acknowledged all after %.1f s: %,.0f events/s%n",
                    (t.accepted() - t.firstSend()) / 1e3, t.acceptedRate());
            System.out.printf(Locale.ROOT, "  every row stored after %.1f s: %,.0f events/s%n",
                    (t.landed() - t.firstSend()) / 1e3, t.landedRate());
            System.out.printf("  %-32s %10s %14s %18s%n", "stage", "done at (s)", "steady events/s", "(10-90 % of it)");
            for (int i = 0; i < t.stages().size(); i++) {
                Stage stage = t.stages().get(i);
                System.out.printf(Locale.ROOT, "  %-32s %10.1f %14.0f%n", stage.name(),
                        StageTimeline.crossing(t.timeline(), i, 1.0), steadyEvents(t, i));
            }
            double wall = (t.landed() - t.firstSend()) / 1e3;
            double busy = t.batches().stream().mapToLong(Batch::durationMillis).sum() / 1e3;
            System.out.printf(Locale.ROOT, "  sink: %,d batches, %.0f rows each on average, %.0f ms each; its one "
                    + "writer thread spent %.0f %% of the run in batches%n", t.batches().size(),
                    (double) t.rows() / t.batches().size(), 1e3 * busy / t.batches().size(), 100 * busy / wall);
            System.out.printf(Locale.ROOT, "  a sink batch took %s; the chDB helper used %.0f ms of CPU per batch%n",
                    BatchCost.fit(t.batches()), 1e3 * t.cpu().helper() * wall / t.batches().size());
            printCpu("  CPU during the burst, in cores:", t.cpu());
            Latency l = r.latency;
            if (l == null) {
                return;
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%s, latency phase: %,d events at %.0f events/s (sender at most %d ms "
                    + "behind schedule), sink batch age %d ms%n", v.label, l.events(), rate, l.maxLagMillis(),
                    s.sinkAgeMillis());
            System.out.printf("  %-48s %8s %8s %8s%n", "from send (event time) until", "p50", "p99", "max");
            latencyRow("its last raw purpose's row was acknowledged", l.lastRow());
            latencyRow("its first raw purpose's row was acknowledged", l.firstRow());
            latencyRow("the sink took up that last row (_ingested_at)", l.lastStamped());
            if (kafkaLatency != null) {
                latencyRow("Kafka pass-through: consumer received it", kafkaLatency);
            }
            latencyRow("(first third of the events: last row)", l.firstThird());
            latencyRow("(last third of the events: last row)", l.lastThird());
            // A backlog that grows through the window means the pipeline did not keep up with the offered rate.
            System.out.println(l.lastThird().percentile(50) > l.firstThird().percentile(50)
                    ? "  latency grew through the window: the pipeline did NOT keep up with this rate"
                    : "  latency did not grow through the window: the pipeline kept up with this rate");
            latencyRow("(a sink batch: decode, encode, insert)", l.batchMillis());
            latencyRow("(a table's next batch starts after)", l.tableRevisitMillis());
            System.out.printf(Locale.ROOT, "  the sink's one writer thread spent %.0f %% of the time in batches; a "
                    + "batch took %s%n", 100 * l.sinkBusyShare(), l.batchCost());
            System.out.println("  mean time between stages at that rate (Little's law on the stages' counters):");
            l.meanMillisBetween().forEach((pair, ms) -> System.out.printf(Locale.ROOT, "    %-58s %6.0f ms%n", pair, ms));
            printCpu("  CPU while offering the rate, in cores:", l.cpu());
        }

        /** A stage's steady rate in events per second: records divided by the records each event gives it. */
        private static double steadyEvents(Sustained t, int stage) {
            Stage s = t.stages().get(stage);
            return StageTimeline.steadyRate(t.timeline(), stage, s.total()) * t.events() / s.total();
        }

        private static void latencyRow(String name, Distribution d) {
            System.out.printf("  %-48s %8d %8d %8d%n", name, d.percentile(50), d.percentile(99), d.percentile(100));
        }

        private static void printCpu(String title, CpuUsage.Report cpu) {
            System.out.printf(Locale.ROOT, "%s machine %.2f of %d (others' processes %.2f), this JVM %.2f, chDB "
                    + "helper %.2f%n", title, cpu.machine(), cpu.cores(), cpu.others(), cpu.jvm(), cpu.helper());
            cpu.byPart().forEach((part, cores) -> System.out.printf(Locale.ROOT, "    %-58s %5.2f%n", part, cores));
        }

        /** The headline figures of one run, compared with Kafka's where Kafka has one. */
        private Map<String, Figure> headlines(Run r) {
            Map<String, Figure> f = new LinkedHashMap<>();
            f.put("sustained_throughput", new Figure("events/s", r.median().landedRate(), kafkaRate()));
            for (int i = 0; i < r.rounds.size(); i++) {
                f.put("sustained_throughput_round_" + (i + 1), new Figure("events/s", r.rounds.get(i).landedRate(),
                        kafkaRates.get(i)));
            }
            if (r.latency != null) {
                Distribution k = kafkaLatency;
                f.put("latency_p50", new Figure("ms", r.latency.lastRow().percentile(50), k.percentile(50)));
                f.put("latency_p99", new Figure("ms", r.latency.lastRow().percentile(99), k.percentile(99)));
                f.put("latency_max", new Figure("ms", r.latency.lastRow().percentile(100), k.percentile(100)));
            }
            return f;
        }

        /** Everything else one run measured. */
        private Map<String, Figure> details(Run r) {
            Map<String, Figure> f = new LinkedHashMap<>();
            Sustained t = r.median();
            f.put("collector_acknowledged_throughput", new Figure("events/s", t.acceptedRate()));
            for (int i = 0; i < t.stages().size(); i++) {
                String stage = t.stages().get(i).name().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_")
                        .replaceAll("_$", "");
                f.put("steady_" + stage, new Figure("events/s", steadyEvents(t, i)));
                f.put("done_" + stage, new Figure("s", StageTimeline.crossing(t.timeline(), i, 1.0)));
            }
            f.put("rows_per_event", new Figure("rows", (double) t.rows() / t.events()));
            f.put("sink_batches_in_burst", new Figure("batches", t.batches().size()));
            BatchCost burstCost = BatchCost.fit(t.batches());
            f.put("sink_batch_fixed_in_burst", new Figure("ms", burstCost.fixedMillis()));
            f.put("sink_batch_per_1000_rows_in_burst", new Figure("ms", burstCost.millisPerThousandRows()));
            Latency l = r.latency;
            if (l != null) {
                f.put("latency_first_row_p50", new Figure("ms", l.firstRow().percentile(50)));
                f.put("latency_first_row_p99", new Figure("ms", l.firstRow().percentile(99)));
                f.put("latency_last_row_stamped_p50", new Figure("ms", l.lastStamped().percentile(50)));
                f.put("latency_last_row_stamped_p99", new Figure("ms", l.lastStamped().percentile(99)));
                f.put("latency_first_third_p50", new Figure("ms", l.firstThird().percentile(50)));
                f.put("latency_last_third_p50", new Figure("ms", l.lastThird().percentile(50)));
                f.put("sink_batch_p50", new Figure("ms", l.batchMillis().percentile(50)));
                f.put("sink_batch_p99", new Figure("ms", l.batchMillis().percentile(99)));
                f.put("sink_table_revisit_p50", new Figure("ms", l.tableRevisitMillis().percentile(50)));
                f.put("sink_table_revisit_p99", new Figure("ms", l.tableRevisitMillis().percentile(99)));
                f.put("sink_writer_busy_at_offered_rate", new Figure("%", 100 * l.sinkBusyShare()));
                f.put("sink_batch_fixed_at_offered_rate", new Figure("ms", l.batchCost().fixedMillis()));
                f.put("sink_batch_per_1000_rows_at_offered_rate", new Figure("ms",
                        l.batchCost().millisPerThousandRows()));
                l.meanMillisBetween().forEach((pair, ms) -> f.put("mean_" + pair.toLowerCase(Locale.ROOT)
                        .replace("->", "to").replaceAll("[^a-z]+", "_"), new Figure("ms", ms)));
                f.put("offered_rate", new Figure("events/s", rate));
                f.put("latency_events", new Figure("events", l.events()));
                f.put("sender_max_lag", new Figure("ms", l.maxLagMillis()));
            }
            cpu(f, "burst", t.cpu());
            if (l != null) {
                cpu(f, "latency", l.cpu());
            }
            return f;
        }

        /** A figure of one run, and Kafka's beside it if Kafka has one (else NaN). */
        private record Figure(String unit, double value, double kafka) {
            Figure(String unit, double value) {
                this(unit, value, Double.NaN);
            }
        }

        void write(Settings s, Map<String, String> context) throws IOException {
            Path out = s.out();
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            // Sieve and Kafka first, as before the floor existed; then each other pipeline and its ratios.
            List<Variant> others = runs.keySet().stream().filter(v -> v != Variant.SIEVE).toList();
            List<List<Variant>> ratios = RATIOS.stream()
                    .filter(p -> runs.containsKey(p.get(0)) && runs.containsKey(p.get(1))).toList();
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                StringBuilder header = new StringBuilder("measurement,unit,sieve,kafka_pass_through,sieve_over_kafka");
                others.forEach(v -> header.append(',').append(v.column()).append(',').append(v.column())
                        .append("_over_kafka"));
                ratios.forEach(p -> header.append(',').append(p.get(0).column()).append("_over_")
                        .append(p.get(1).column()));
                w.println(header);
                Map<Variant, Map<String, Figure>> figures = new EnumMap<>(Variant.class);
                Set<String> compared = new HashSet<>();
                runs.forEach((v, r) -> {
                    compared.addAll(headlines(r).keySet());
                    Map<String, Figure> f = headlines(r);
                    f.putAll(details(r));
                    figures.put(v, f);
                });
                List<String> names = new ArrayList<>();
                figures.values().forEach(f -> f.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add));
                for (String name : names) {
                    Figure any = figures.values().stream().map(f -> f.get(name)).filter(Objects::nonNull)
                            .findFirst().orElseThrow();
                    StringBuilder line = new StringBuilder(name).append(',').append(any.unit());
                    Figure sieve = figures.getOrDefault(Variant.SIEVE, Map.of()).get(name);
                    line.append(',').append(cell(sieve == null ? Double.NaN : sieve.value()))
                            .append(',').append(cell(any.kafka()))
                            .append(',').append(cell(quotient(figures, name, Variant.SIEVE, null)));
                    for (Variant v : others) {
                        Figure f = figures.get(v).get(name);
                        line.append(',').append(cell(f == null ? Double.NaN : f.value()))
                                .append(',').append(cell(quotient(figures, name, v, null)));
                    }
                    for (List<Variant> p : ratios) {
                        // Quotients of the headline figures only: of CPU shares or batch counts they mislead.
                        line.append(',').append(cell(compared.contains(name)
                                ? quotient(figures, name, p.get(0), p.get(1)) : Double.NaN));
                    }
                    w.println(line);
                }
                setting(w, "events", s.events());
                setting(w, "sdk_clients", s.clients());
                setting(w, "sdk_batch", s.batch());
                setting(w, "sdk_linger_ms", s.lingerMillis());
                setting(w, "sink_batch_max_age_ms", s.sinkAgeMillis());
                setting(w, "partitions", s.partitions());
                setting(w, "latency_seconds", s.latency() ? s.latencySeconds() : 0);
                setting(w, "latency_warmup_seconds", s.latency() ? s.latencyWarmupSeconds() : 0);
                setting(w, "latency_rate", s.latencyRate().isPresent() ? s.latencyRate().getAsInt() : "auto");
                setting(w, "pipelines", String.join(" ", s.pipelines().stream().map(v -> v.id).toList()));
                setting(w, "rounds", s.rounds());
                context.forEach((k, v) -> setting(w, k, v));
            }
            if (s.latency()) {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(sibling(out, "latency"),
                        StandardCharsets.UTF_8))) {
                    StringBuilder header = new StringBuilder("percentile");
                    runs.keySet().forEach(v -> header.append(',').append(v.column()).append("_every_row_ms,")
                            .append(v.column()).append("_first_row_ms"));
                    w.println(header.append(",kafka_pass_through_ms"));
                    for (double p : PERCENTILES) {
                        StringBuilder line = new StringBuilder(Double.toString(p));
                        runs.values().forEach(r -> line.append(',').append(r.latency.lastRow().percentile(p))
                                .append(',').append(r.latency.firstRow().percentile(p)));
                        w.println(line.append(',').append(kafkaLatency.percentile(p)));
                    }
                }
            }
            for (Map.Entry<Variant, Run> e : runs.entrySet()) {
                // Sieve's keep the names they had before the floor existed.
                String prefix = e.getKey() == Variant.SIEVE ? "" : e.getKey().id + "-";
                writeTimeline(sibling(out, prefix + "stages"), sibling(out, prefix + "batches"), e.getValue().median());
            }
            System.out.println();
            System.out.println("wrote " + out + " and, beside it, the latency percentiles (-latency), the median "
                    + "bursts' stage progress (-stages, -floor-stages, ...) and sink batches (-batches, ...)");
        }

        /**
         * {@code a}'s figure over {@code b}'s (over Kafka's if {@code b} is null); NaN if either lacks it. For the
         * sustained throughput, the median of the rounds' quotients, as printed.
         */
        private double quotient(Map<Variant, Map<String, Figure>> figures, String name, Variant a, Variant b) {
            Figure fa = figures.getOrDefault(a, Map.of()).get(name);
            Figure fb = b == null ? null : figures.get(b).get(name);
            if (fa == null || b != null && fb == null) {
                return Double.NaN;
            }
            if (name.equals("sustained_throughput")) {
                return median(throughputRatios(a, b));
            }
            return fa.value() / (b == null ? fa.kafka() : fb.value());
        }

        private static void writeTimeline(Path stages, Path batches, Sustained t) throws IOException {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(stages, StandardCharsets.UTF_8))) {
                w.print("seconds");
                t.stages().forEach(stage -> w.print("," + stage.name()));
                w.println(",sink writer in batches");
                double previous = 0;
                for (Sample sample : t.timeline()) {
                    w.printf(Locale.ROOT, "%.3f", sample.seconds());
                    for (double d : sample.done()) {
                        w.printf(Locale.ROOT, ",%.5f", d);
                    }
                    w.printf(Locale.ROOT, ",%.5f%n", t.writerBusy(previous, sample.seconds()));
                    previous = sample.seconds();
                }
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(batches, StandardCharsets.UTF_8))) {
                w.println("started_seconds,duration_ms,rows,table");
                for (Batch b : t.batches()) {
                    w.printf(Locale.ROOT, "%.3f,%.1f,%d,%s%n", (b.startEstimateMillis() - t.firstSend()) / 1e3,
                            b.durationNanos() / 1e6, b.rows(), b.table());
                }
            }
        }

        /** Whole numbers from 100 up, three decimals below: cores and ratios keep their digits. */
        private static String number(double v) {
            return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
        }

        /** A CSV cell: empty where the pipeline or Kafka has no such figure. */
        private static String cell(double v) {
            return Double.isNaN(v) ? "" : number(v);
        }

        private static void cpu(Map<String, Figure> f, String phase, CpuUsage.Report cpu) {
            f.put("cpu_" + phase + "_machine", new Figure("cores", cpu.machine()));
            f.put("cpu_" + phase + "_other_processes", new Figure("cores", cpu.others()));
            cpu.byPart().forEach((part, cores) -> f.put("cpu_" + phase + "_" + part.toLowerCase(Locale.ROOT)
                    .replaceAll("\\(.*?\\)", "").replaceAll("[^a-z]+", "_").replaceAll("^_|_$", ""),
                    new Figure("cores", cores)));
        }

        private static void setting(PrintWriter w, String name, Object value) {
            String text = value.toString();
            w.printf("setting_%s,,\"%s\",,%n", name, text.replace("\"", "\"\""));
        }

        private static Path sibling(Path out, String suffix) {
            String name = out.getFileName().toString().replaceFirst("\\.csv$", "");
            return out.resolveSibling(name + "-" + suffix + ".csv");
        }
    }

    /** 0, 1, … 99, 99.5, 99.9, 100: enough for a CDF, with the tail drawn out. */
    private static double[] percentiles() {
        double[] p = new double[103];
        for (int i = 0; i < 100; i++) {
            p[i] = i;
        }
        p[100] = 99.5;
        p[101] = 99.9;
        p[102] = 100;
        return p;
    }
}
