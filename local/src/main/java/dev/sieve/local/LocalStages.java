package dev.sieve.local;

import static dev.sieve.local.StartStep.took;

import dev.sieve.enrich.geo.RangeTableGeo;
import dev.sieve.ingest.Collector;
import dev.sieve.runtime.MetricsEndpoint;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.sink.Sink;
import dev.sieve.sink.SinkContext;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.store.Store;
import dev.sieve.streams.StreamsApp;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The stages of a local pipeline wired onto its {@link LocalDependencies}, each configured by {@link StageConfigs}:
 * the combined metrics endpoint, the sink, anonymize and enrich, then the collector, so that nothing takes events
 * before what stores them runs. Each part is pushed on the {@link Teardown} as it starts, so the collector stops
 * first and the sink last.
 */
final class LocalStages {

    private final Consumer<String> progress;
    private final String collectorHost;
    private final String apiKey;
    private Optional<MetricsEndpoint> metrics = Optional.empty();
    // Read by the metrics endpoint's thread while the stages start: it reports those not yet there as STARTING.
    private volatile Sink sink;
    private final List<StreamsStage> streamsStages;
    private final Map<String, StreamsApp> streams = new ConcurrentHashMap<>();
    private Collector collector;

    private LocalStages(LocalPipelineBuilder b) {
        this.progress = b.progress;
        this.collectorHost = b.collectorHost;
        this.streamsStages = b.streamsStages;
        byte[] key = new byte[18];
        new SecureRandom().nextBytes(key);
        this.apiKey = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static LocalStages start(LocalPipelineBuilder b, LocalDependencies deps, Teardown teardown)
            throws StartException {
        LocalStages stages = new LocalStages(b);
        stages.startAll(b, deps, teardown);
        return stages;
    }

    private void startAll(LocalPipelineBuilder b, LocalDependencies deps, Teardown teardown) throws StartException {
        Path keysDir = keys(b, deps);
        Path geoRanges = b.geoRanges != null || b.geoDatabase != null ? b.geoRanges
                : StartStep.run("writing the bundled geography table", () -> bundledGeoRanges(deps.workDir()));
        StageConfigs configs = new StageConfigs(deps.bootstrapServers(), deps.kafkaClient(),
                Optional.ofNullable(b.policyFile), keysDir, Optional.ofNullable(b.geoDatabase),
                Optional.ofNullable(geoRanges), deps.workDir().resolve("streams"), b.collectorHost, b.collectorPort,
                LocalPipeline.APP_ID, apiKey, deps.clickHouse(), b.sinkBatchMaxAge);
        metrics = StartStep.run("opening the metrics endpoint",
                () -> MetricsEndpoint.open(b.metricsPort, this::health));
        metrics.ifPresent(m -> teardown.push("closing the metrics endpoint", m));
        startSink(b, deps.policy(), configs, teardown);
        startStreams(b, configs, teardown);
        progress.accept("starting the collector ...");
        collector = StartStep.run("starting the collector", () -> Collector.start(configs.collector()));
        teardown.push("stopping the collector", collector);
        progress.accept("  collector listening at " + collectorUrl());
    }

    private Path keys(LocalPipelineBuilder b, LocalDependencies deps) throws StartException {
        if (b.keysDir != null) {
            progress.accept("pseudonymization keys from " + b.keysDir);
            return b.keysDir;
        }
        Path dir = deps.workDir().resolve("demo-keys");
        int purposes = StartStep.run("making demo pseudonymization keys",
                () -> DemoKeys.write(dir, deps.policy(), new SecureRandom()));
        progress.accept("pseudonymization: demo keys for " + purposes + " purposes, random for this run and never"
                + " shown (set keys.dir for real ones)");
        return dir;
    }

    private void startSink(LocalPipelineBuilder b, Policy policy, StageConfigs configs, Teardown teardown)
            throws StartException {
        TableCatalog catalog = new TableCatalog(policy);
        progress.accept("starting the sink: creating " + catalog.tables().size() + " tables in "
                + LocalPipeline.DATABASE + " ...");
        long t0 = System.nanoTime();
        // The sink's own configuration type, read as the sink process reads it; only the keys stay fixed for the run.
        SinkContext context = new SinkContext(configs.sink(policy.regions().keySet()), catalog, b.environment);
        Map<String, Store> stores = context.stores();
        try {
            sink = StartStep.run("starting the sink", () -> Sink.builder().catalog(catalog)
                    .stores(stores).keyRings(context.keyRings())
                    .kafka(context.config().bootstrapServers(), context.config().groupId(),
                            context.config().kafkaClient())
                    .membership(context.config().membership())
                    .thresholds(context.config().thresholds()).retry(context.config().retry())
                    .maxInsertsInFlight(context.config().maxInsertsInFlight())
                    .metrics(new SinkMetrics(Metrics.globalRegistry)).start());
        } catch (StartException | RuntimeException e) {
            stores.values().forEach(Store::close); // a sink that did not start leaves them open
            throw e;
        }
        teardown.push("stopping the sink (inserting what it buffered)", sink);
        progress.accept("  sink running" + took(t0));
    }

    private void startStreams(LocalPipelineBuilder b, StageConfigs configs, Teardown teardown) throws StartException {
        String names = streamsStages.stream().map(StreamsStage::name).collect(Collectors.joining(" and "));
        progress.accept("starting " + names + " (Kafka Streams, exactly-once) ...");
        long t0 = System.nanoTime();
        for (StreamsStage stage : streamsStages) {
            StreamsApp app = StartStep.run("starting " + stage.name(),
                    () -> stage.create().create(configs.enrich(), configs.anonymize(), b.environment));
            teardown.push("stopping " + stage.name(), app);
            streams.put(stage.name(), app);
            app.start();
        }
        for (StreamsStage stage : streamsStages) {
            awaitRunning(stage.name(), streams.get(stage.name()), b.startTimeout);
        }
        progress.accept("  " + names + " running" + took(t0));
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

    private static Path bundledGeoRanges(Path workDir) throws IOException {
        Path file = workDir.resolve("geo-ranges.csv");
        try (InputStream in = RangeTableGeo.class.getResourceAsStream(RangeTableGeo.BUNDLED)) {
            Files.copy(Objects.requireNonNull(in, RangeTableGeo.BUNDLED), file);
        }
        return file;
    }

    /** Up while every Streams stage (enrich, anonymize) and the sink work; the state names those that do not. */
    private MetricsEndpoint.Health health() {
        StringBuilder down = new StringBuilder();
        Sink s = sink;
        for (StreamsStage stage : streamsStages) {
            StreamsApp app = streams.get(stage.name());
            if (app == null || !app.health().up()) {
                down.append(' ').append(stage.name()).append('=')
                        .append(app == null ? "STARTING" : app.health().state());
            }
        }
        if (s == null || s.writerDone().isDone() || s.controlDone().isDone()) {
            down.append(" sink=").append(s == null ? "STARTING" : "STOPPED");
        }
        return down.isEmpty() ? new MetricsEndpoint.Health(true, "RUNNING")
                : new MetricsEndpoint.Health(false, down.toString().strip());
    }

    /** Where apps send events, e.g. {@code http://localhost:8080}. */
    String collectorUrl() {
        boolean local = collectorHost.equals("0.0.0.0") || collectorHost.equals("127.0.0.1");
        return "http://" + (local ? "localhost" : collectorHost) + ":" + collector.port();
    }

    String apiKey() {
        return apiKey;
    }

    /** The combined {@code /metrics} and {@code /health} of enrich, anonymize and sink, unless turned off. */
    Optional<String> metricsUrl() {
        return metrics.map(m -> "http://localhost:" + m.port());
    }
}
