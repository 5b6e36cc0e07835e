package dev.sieve.local;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.enrich.geo.RangeTableGeo;
import dev.sieve.ingest.Collector;
import dev.sieve.local.clickhouse.EmbeddedClickHouseServer;
import dev.sieve.runtime.MetricsEndpoint;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.Sink;
import dev.sieve.sink.adapter.ClientV2Gateway;
import dev.sieve.sink.config.RegionEndpoint;
import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.port.ClickHouseGateway;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.ClickHouseEngine;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole Sieve pipeline in this JVM, for a fresh machine, an end-to-end test or a benchmark: Kafka,
 * ClickHouse, and the collector, enrich, anonymize and sink, each started from its own configuration types
 * ({@link StageConfigs}), so the code that runs is the production code.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link Builder#start()} returns once every stage runs: every topic the policy implies exists
 *       ({@link TopicApplier}), every table exists (the sink's migrations), enrich and anonymize are
 *       {@code RUNNING}, the sink consumes and the collector listens. If a step fails, whatever had started is
 *       stopped again and the {@link StartException} names the step.</li>
 *   <li>Kafka is the configured cluster, else an in-process KRaft broker ({@link EmbeddedKafka}). ClickHouse is
 *       the configured server, else the real engine (chDB, {@link ClickHouseEngine}) behind ClickHouse's HTTP
 *       interface ({@link EmbeddedClickHouseServer}, loopback only). Every region of the policy stores into that
 *       one ClickHouse, database {@value #DATABASE}; the sink reaches it through its production adapter.</li>
 *   <li>The collector takes events from one app, {@value #APP_ID}, whose API key is new and random on every
 *       start.</li>
 *   <li>Pseudonymization keys come from the key directory, else demo keys are made for this run (random, never
 *       shown, see {@link DemoKeys}).</li>
 *   <li>Enrich, anonymize and the sink serve one combined Prometheus {@code /metrics} and {@code /health} on the
 *       metrics port (their own endpoints stay closed); the collector serves its own on its port.</li>
 *   <li>{@link #close()} stops in this order: collector (answers requests in progress, flushes), enrich,
 *       anonymize, sink (inserts what it buffered), ClickHouse, Kafka; then deletes the work directory. It
 *       never throws: a part that fails to stop is reported and the others still stop.</li>
 *   <li>Progress lines name steps, addresses and counts, never an identifier or a secret.</li>
 * </ul>
 */
public final class LocalPipeline implements AutoCloseable {

    /** The app the collector takes events from. */
    public static final String APP_ID = "notes";
    /** The database the sink keeps its tables in. */
    public static final String DATABASE = SchemaOptions.DEFAULT_DATABASE;
    public static final int DEFAULT_PARTITIONS = 1;
    public static final int DEFAULT_COLLECTOR_PORT = 8080;
    public static final int DEFAULT_CLICKHOUSE_HTTP_PORT = 8123;
    /** Beside the stages' own defaults (enrich 9401, anonymize 9402, sink 9403), whose endpoints this one replaces. */
    public static final int DEFAULT_METRICS_PORT = 9400;
    /** Loopback: a local pipeline exposes nothing to the network unless asked to. */
    public static final String DEFAULT_COLLECTOR_HOST = "127.0.0.1";
    /** How long the Streams stages may take to reach RUNNING. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String SINK_GROUP_ID = "sieve-sink";

    /** What {@link LocalPipeline#start} runs; every setting has a default. */
    public static final class Builder {
        private String bootstrapServers;
        private Map<String, String> kafkaClient = Map.of();
        private int partitions = DEFAULT_PARTITIONS;
        private RegionEndpoint clickHouse;
        private int clickHouseHttpPort = DEFAULT_CLICKHOUSE_HTTP_PORT;
        private Path policyFile;
        private Path keysDir;
        private Path geoDatabase;
        private Path geoRanges;
        private String collectorHost = DEFAULT_COLLECTOR_HOST;
        private int collectorPort = DEFAULT_COLLECTOR_PORT;
        private int metricsPort = DEFAULT_METRICS_PORT;
        private Duration sinkBatchMaxAge = BatchThresholds.DEFAULT_MAX_AGE;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Map<String, String> environment = System.getenv();
        private Consumer<String> progress = line -> { };

        private Builder() {}

        /** A Kafka to use instead of the in-process broker. */
        public Builder kafka(String bootstrapServers, Map<String, String> clientSettings) {
            this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
            this.kafkaClient = Map.copyOf(Objects.requireNonNull(clientSettings, "clientSettings"));
            return this;
        }

        /** Partitions of the topics created (existing topics only ever grow); 1 by default. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** A ClickHouse server to store into instead of the embedded engine. */
        public Builder clickHouse(String url, String user, String password) {
            this.clickHouse = new RegionEndpoint(requireText(url, "url"), Objects.requireNonNull(user, "user"),
                    Objects.requireNonNull(password, "password"));
            return this;
        }

        /** Port of the embedded engine's HTTP interface; 0 picks a free one. Default 8123. */
        public Builder clickHouseHttpPort(int port) {
            this.clickHouseHttpPort = port(port, "clickHouseHttpPort");
            return this;
        }

        /** The policy to enforce instead of the bundled one. */
        public Builder policyFile(Path file) {
            this.policyFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Pseudonymization keys ({@link KeyRingLoader} layout); without, demo keys are made for the run. */
        public Builder keysDir(Path dir) {
            this.keysDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Enrich's geography from a MaxMind-format database instead of the bundled documentation ranges. */
        public Builder geoDatabase(Path file) {
            this.geoDatabase = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Enrich's geography from a CIDR table instead of the bundled documentation ranges. */
        public Builder geoRanges(Path file) {
            this.geoRanges = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Where the collector listens; {@value #DEFAULT_COLLECTOR_HOST}:8080 by default, port 0 picks one. */
        public Builder collector(String host, int port) {
            this.collectorHost = requireText(host, "host");
            this.collectorPort = port(port, "port");
            return this;
        }

        /** Port of the combined metrics and health endpoint; 0 picks a free one, -1 serves none. Default 9400. */
        public Builder metricsPort(int port) {
            if (port < -1 || port > 65_535) {
                throw new IllegalArgumentException("metricsPort must be -1 or a port, got " + port);
            }
            this.metricsPort = port;
            return this;
        }

        /** The longest a sink batch waits before it is inserted (the sink's {@code batch.max-age-ms}). */
        public Builder sinkBatchMaxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("sinkBatchMaxAge must be positive, got " + maxAge);
            }
            this.sinkBatchMaxAge = maxAge;
            return this;
        }

        /** How long the Streams stages may take to reach RUNNING; 90 s by default. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Environment variables the stages read keys from ({@code SIEVE_KEY__*}); the process's by default. */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(Objects.requireNonNull(env, "env"));
            return this;
        }

        /** Receives one line per step while starting and stopping; nothing by default. */
        public Builder progress(Consumer<String> listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Starts everything and returns once every stage runs.
         *
         * @throws StartException naming the step that failed; whatever had started is stopped again
         */
        public LocalPipeline start() throws StartException {
            if (geoDatabase != null && geoRanges != null) {
                throw new IllegalStateException("set geoDatabase or geoRanges, not both");
            }
            LocalPipeline pipeline = new LocalPipeline(this);
            try {
                pipeline.startAll(this);
                return pipeline;
            } catch (StartException | RuntimeException e) {
                pipeline.close();
                throw e;
            }
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static int port(int port, String name) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + port);
            }
            return port;
        }
    }

    /** Something to stop at {@link #close()}, with the words for it. */
    private record Running(String what, AutoCloseable part) {}

    private final Consumer<String> progress;
    private final String collectorHost;
    /** What has started, most recent first: closing pops it, so everything stops in the reverse order. */
    private final Deque<Running> running = new ArrayDeque<>();
    private final String apiKey;
    private Path workDir;
    private Policy policy;
    private String bootstrapServers;
    private Map<String, String> kafkaClient;
    private RegionEndpoint clickHouse;
    private ClientV2Gateway queries;
    private volatile Sink sink;
    private volatile StreamsApp enrich;
    private volatile StreamsApp anonymize;
    private Collector collector;
    private Optional<MetricsEndpoint> metrics = Optional.empty();

    private LocalPipeline(Builder b) {
        this.progress = b.progress;
        this.collectorHost = b.collectorHost;
        byte[] key = new byte[18];
        new SecureRandom().nextBytes(key);
        this.apiKey = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void startAll(Builder b) throws StartException {
        workDir = step("creating the work directory", () -> Files.createTempDirectory("sieve-local-"));
        running.push(new Running("deleting the work directory", () -> deleteTree(workDir)));
        policy = step("reading the policy", () -> PolicyLoader.load(Optional.ofNullable(b.policyFile)));
        startKafka(b);
        createTopics(b);
        startClickHouse(b);
        Path keysDir = keys(b);
        Path geoRanges = b.geoRanges != null || b.geoDatabase != null ? b.geoRanges
                : step("writing the bundled geography table", this::bundledGeoRanges);
        StageConfigs stages = new StageConfigs(bootstrapServers, kafkaClient, Optional.ofNullable(b.policyFile),
                keysDir, Optional.ofNullable(b.geoDatabase), Optional.ofNullable(geoRanges),
                workDir.resolve("streams"), b.collectorHost, b.collectorPort, APP_ID, apiKey);
        metrics = step("opening the metrics endpoint", () -> MetricsEndpoint.open(b.metricsPort, this::health));
        metrics.ifPresent(m -> running.push(new Running("closing the metrics endpoint", m)));
        startSink(b, keysDir);
        startStreams(b, stages);
        progress.accept("starting the collector ...");
        collector = step("starting the collector", () -> Collector.start(stages.collector()));
        running.push(new Running("stopping the collector", collector));
        progress.accept("  collector listening at " + collectorUrl());
    }

    private void startKafka(Builder b) throws StartException {
        if (b.bootstrapServers != null) {
            bootstrapServers = b.bootstrapServers;
            kafkaClient = b.kafkaClient;
            progress.accept("using Kafka at " + bootstrapServers);
            return;
        }
        progress.accept("starting Kafka (in-process KRaft broker) ...");
        long t0 = System.nanoTime();
        EmbeddedKafka kafka = new EmbeddedKafka();
        step("starting the in-process Kafka broker", () -> withoutStandardOutput(kafka::start));
        running.push(new Running("stopping the Kafka broker", kafka));
        bootstrapServers = kafka.bootstrapServers();
        kafkaClient = Map.of();
        progress.accept("  Kafka ready at " + bootstrapServers + took(t0));
    }

    private void createTopics(Builder b) throws StartException {
        progress.accept("creating the topics the policy implies ...");
        long t0 = System.nanoTime();
        List<String> changes = step("creating the topics", () -> {
            try (Admin admin = Admin.create(adminProperties())) {
                return TopicApplier.apply(admin, new Topics(policy).all(), b.partitions, (short) 1);
            }
        });
        progress.accept("  " + new Topics(policy).all().size() + " topics, " + changes.size() + " created or changed"
                + took(t0));
    }

    private Map<String, Object> adminProperties() {
        Map<String, Object> p = new HashMap<>(kafkaClientProperties());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return p;
    }

    private void startClickHouse(Builder b) throws StartException {
        RegionEndpoint endpoint;
        if (b.clickHouse != null) {
            endpoint = b.clickHouse;
            progress.accept("using ClickHouse at " + endpoint.url());
        } else {
            progress.accept("starting the ClickHouse engine (chDB in a Python helper process) ...");
            long t0 = System.nanoTime();
            ClickHouseEngine engine = new ClickHouseEngine();
            step("starting the ClickHouse engine", engine::start);
            running.push(new Running("stopping the ClickHouse engine", engine));
            EmbeddedClickHouseServer server = step("serving ClickHouse's HTTP interface on port " + b.clickHouseHttpPort,
                    () -> EmbeddedClickHouseServer.start(engine,
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), b.clickHouseHttpPort)));
            running.push(new Running("closing ClickHouse's HTTP interface", server));
            endpoint = new RegionEndpoint(server.url(), "default", "");
            progress.accept("  ClickHouse " + engine.version() + " at " + server.url() + took(t0));
        }
        clickHouse = endpoint;
        queries = gateway(endpoint);
        running.push(new Running("closing the query connection", queries));
    }

    private Path keys(Builder b) throws StartException {
        if (b.keysDir != null) {
            progress.accept("pseudonymization keys from " + b.keysDir);
            return b.keysDir;
        }
        Path dir = workDir.resolve("demo-keys");
        int purposes = step("making demo pseudonymization keys", () -> DemoKeys.write(dir, policy, new SecureRandom()));
        progress.accept("pseudonymization: demo keys for " + purposes + " purposes, random for this run and never"
                + " shown (set keys.dir for real ones)");
        return dir;
    }

    private void startSink(Builder b, Path keysDir) throws StartException {
        TableCatalog catalog = new TableCatalog(policy);
        progress.accept("starting the sink: creating " + catalog.tables().size() + " tables in " + DATABASE + " ...");
        long t0 = System.nanoTime();
        Map<String, ClickHouseGateway> endpoints = new LinkedHashMap<>();
        // One ClickHouse here, so every region stores into it; a deployment gives each region its own.
        policy.regions().keySet().forEach(region -> endpoints.put(region, gateway(clickHouse)));
        try {
            sink = step("starting the sink", () -> Sink.builder().catalog(catalog)
                    .schema(SchemaOptions.single(DATABASE)).endpoints(endpoints)
                    .keyRings(KeyRingLoader.load(policy, keysDir, b.environment))
                    .kafka(bootstrapServers, SINK_GROUP_ID, kafkaClient)
                    .thresholds(new BatchThresholds(BatchThresholds.DEFAULT_MAX_ROWS, BatchThresholds.DEFAULT_MAX_BYTES,
                            b.sinkBatchMaxAge))
                    .metrics(new SinkMetrics(Metrics.globalRegistry)).start());
        } catch (StartException | RuntimeException e) {
            endpoints.values().forEach(ClickHouseGateway::close); // a sink that did not start leaves them open
            throw e;
        }
        running.push(new Running("stopping the sink (inserting what it buffered)", sink));
        progress.accept("  sink running" + took(t0));
    }

    private void startStreams(Builder b, StageConfigs stages) throws StartException {
        progress.accept("starting anonymize and enrich (Kafka Streams, exactly-once) ...");
        long t0 = System.nanoTime();
        anonymize = step("starting anonymize", () -> AnonymizeApp.create(stages.anonymize(), b.environment));
        running.push(new Running("stopping anonymize", anonymize));
        anonymize.start();
        enrich = step("starting enrich", () -> EnrichApp.create(stages.enrich()));
        running.push(new Running("stopping enrich", enrich));
        enrich.start();
        awaitRunning("anonymize", anonymize, b.startTimeout);
        awaitRunning("enrich", enrich, b.startTimeout);
        progress.accept("  anonymize and enrich running" + took(t0));
    }

    private static void awaitRunning(String name, StreamsApp app, Duration timeout) throws StartException {
        boolean ok;
        try {
            ok = app.awaitRunning(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while " + name + " was starting", e);
        }
        if (!ok) {
            throw new StartException(name + " did not start within " + timeout.toSeconds() + " s (state "
                    + app.state() + ")", null);
        }
    }

    private Path bundledGeoRanges() throws IOException {
        Path file = workDir.resolve("geo-ranges.csv");
        try (InputStream in = RangeTableGeo.class.getResourceAsStream(RangeTableGeo.BUNDLED)) {
            Files.copy(Objects.requireNonNull(in, RangeTableGeo.BUNDLED), file);
        }
        return file;
    }

    private static ClientV2Gateway gateway(RegionEndpoint endpoint) {
        return ClientV2Gateway.connect(endpoint.url(), endpoint.user(), endpoint.password(),
                ClientV2Gateway.DEFAULT_TIMEOUT);
    }

    /** Up while enrich, anonymize and the sink all work; the state names the ones that do not. */
    private MetricsEndpoint.Health health() {
        StringBuilder down = new StringBuilder();
        StreamsApp e = enrich;
        StreamsApp a = anonymize;
        Sink s = sink;
        if (e == null || !e.health().up()) {
            down.append(" enrich=").append(e == null ? "STARTING" : e.health().state());
        }
        if (a == null || !a.health().up()) {
            down.append(" anonymize=").append(a == null ? "STARTING" : a.health().state());
        }
        if (s == null || s.writerDone().isDone() || s.controlDone().isDone()) {
            down.append(" sink=").append(s == null ? "STARTING" : "STOPPED");
        }
        return down.isEmpty() ? new MetricsEndpoint.Health(true, "RUNNING")
                : new MetricsEndpoint.Health(false, down.toString().strip());
    }

    /** Where apps send events, e.g. {@code http://localhost:8080} ({@code /v1/events}, {@code /v1/logs}). */
    public String collectorUrl() {
        boolean local = collectorHost.equals("0.0.0.0") || collectorHost.equals("127.0.0.1");
        return "http://" + (local ? "localhost" : collectorHost) + ":" + collector.port();
    }

    /** The app id events must carry. */
    public String appId() {
        return APP_ID;
    }

    /** The app's API key, for {@code Authorization: Bearer <key>}; new on every start. */
    public String apiKey() {
        return apiKey;
    }

    /** Kafka's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Settings for a Kafka client of this pipeline's Kafka: bootstrap servers and any TLS/SASL settings. */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> p = new HashMap<>(kafkaClient);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** ClickHouse's HTTP URL, e.g. {@code http://localhost:8123}. */
    public String clickHouseUrl() {
        return clickHouse.url();
    }

    /** The combined {@code /metrics} and {@code /health} of enrich, anonymize and sink, unless turned off. */
    public Optional<String> metricsUrl() {
        return metrics.map(m -> "http://localhost:" + m.port());
    }

    /** The policy the stages enforce. */
    public Policy policy() {
        return policy;
    }

    /**
     * Runs one statement on ClickHouse through the sink's production adapter.
     *
     * @param format a ClickHouse output format, e.g. {@code TabSeparated} or {@code JSONEachRow}
     * @return the output as text
     * @throws dev.sieve.sink.port.ClickHouseFailure if ClickHouse refuses it (its message redacts row values)
     */
    public String query(String sql, String format) {
        return queries.query(sql, format);
    }

    /** Rows in each table of {@value #DATABASE}, by table name (ClickHouse's {@code system.tables.total_rows}). */
    public Map<String, Long> tableRows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        String tsv = query("SELECT name, total_rows FROM system.tables WHERE database = '" + DATABASE
                + "' ORDER BY name", "TabSeparated");
        for (String line : tsv.split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length == 2) {
                rows.put(cols[0], cols[1].equals("\\N") ? 0L : Long.parseLong(cols[1]));
            }
        }
        return rows;
    }

    /** Stops everything in the reverse order it started; never throws. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            Running r = running.pop();
            progress.accept(r.what());
            try {
                r.part().close();
            } catch (Exception e) {
                progress.accept("  failed (" + e.getClass().getSimpleName() + "), going on");
            }
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T step(String what, Step<T> step) throws StartException {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException(what + ": interrupted", e);
        } catch (Exception e) {
            throw new StartException(what + " failed: " + describe(e), e);
        }
    }

    /** Sieve's own exceptions are worded for people; a library's are named with their message. */
    private static String describe(Throwable e) {
        if (e instanceof BindException) {
            return "the port is in use (" + e.getMessage() + "); choose another, 0 picks a free one";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getCause() instanceof BindException bind ? describe(bind) : message;
    }

    /**
     * Runs {@code step} with {@code System.out} discarded: the broker's storage formatter prints its metadata
     * there and the test kit that runs it offers no other stream. Nothing else prints while the pipeline starts.
     */
    private static <T> T withoutStandardOutput(Step<T> step) throws Exception {
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return step.run();
        } finally {
            System.setOut(console);
        }
    }

    private static String took(long startNanos) {
        return String.format(" (%.1f s)", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
