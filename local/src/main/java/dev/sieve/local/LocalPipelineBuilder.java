package dev.sieve.local;

import static dev.sieve.local.LocalPipeline.DEFAULT_CLICKHOUSE_HTTP_PORT;
import static dev.sieve.local.LocalPipeline.DEFAULT_COLLECTOR_HOST;
import static dev.sieve.local.LocalPipeline.DEFAULT_COLLECTOR_PORT;
import static dev.sieve.local.LocalPipeline.DEFAULT_METRICS_PORT;
import static dev.sieve.local.LocalPipeline.DEFAULT_PARTITIONS;
import static dev.sieve.local.LocalPipeline.DEFAULT_START_TIMEOUT;

import dev.sieve.schemas.pseudonym.KeyRingLoader;
import dev.sieve.sink.config.RegionEndpoint;
import dev.sieve.sink.write.BatchThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link LocalPipeline} runs; every setting has a default and is checked as it is set. The settings are
 * package-private: {@link LocalDependencies} and {@link LocalStages} read them while they start.
 */
public final class LocalPipelineBuilder {
    String bootstrapServers;
    Map<String, String> kafkaClient = Map.of();
    int partitions = DEFAULT_PARTITIONS;
    RegionEndpoint clickHouse;
    int clickHouseHttpPort = DEFAULT_CLICKHOUSE_HTTP_PORT;
    Path policyFile;
    Path keysDir;
    Path geoDatabase;
    Path geoRanges;
    String collectorHost = DEFAULT_COLLECTOR_HOST;
    int collectorPort = DEFAULT_COLLECTOR_PORT;
    int metricsPort = DEFAULT_METRICS_PORT;
    Duration sinkBatchMaxAge = BatchThresholds.DEFAULT_MAX_AGE;
    Duration startTimeout = DEFAULT_START_TIMEOUT;
    Map<String, String> environment = System.getenv();
    Consumer<String> progress = line -> { };
    List<StreamsStage> streamsStages = StreamsStage.PRODUCTION;

    LocalPipelineBuilder() {}

    /** A Kafka to use instead of the in-process broker. */
    public LocalPipelineBuilder kafka(String bootstrapServers, Map<String, String> clientSettings) {
        this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
        this.kafkaClient = Map.copyOf(Objects.requireNonNull(clientSettings, "clientSettings"));
        return this;
    }

    /** Partitions of the topics created (existing topics only ever grow); 1 by default. */
    public LocalPipelineBuilder partitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
        return this;
    }

    /** A ClickHouse server to store into instead of the embedded engine. */
    public LocalPipelineBuilder clickHouse(String url, String user, String password) {
        this.clickHouse = new RegionEndpoint(requireText(url, "url"), Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password"));
        return this;
    }

    /** Port of the embedded engine's HTTP interface; 0 picks a free one. Default 8123. */
    public LocalPipelineBuilder clickHouseHttpPort(int port) {
        this.clickHouseHttpPort = port(port, "clickHouseHttpPort");
        return this;
    }

    /** The policy to enforce instead of the bundled one. */
    public LocalPipelineBuilder policyFile(Path file) {
        this.policyFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /** Pseudonymization keys ({@link KeyRingLoader} layout); without, demo keys are made for the run. */
    public LocalPipelineBuilder keysDir(Path dir) {
        this.keysDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Enrich's geography from a MaxMind-format database instead of the bundled documentation ranges. */
    public LocalPipelineBuilder geoDatabase(Path file) {
        this.geoDatabase = Objects.requireNonNull(file, "file");
        return this;
    }

    /** Enrich's geography from a CIDR table instead of the bundled documentation ranges. */
    public LocalPipelineBuilder geoRanges(Path file) {
        this.geoRanges = Objects.requireNonNull(file, "file");
        return this;
    }

    /** Where the collector listens; {@value LocalPipeline#DEFAULT_COLLECTOR_HOST}:8080 by default, port 0 picks one. */
    public LocalPipelineBuilder collector(String host, int port) {
        this.collectorHost = requireText(host, "host");
        this.collectorPort = port(port, "port");
        return this;
    }

    /** Port of the combined metrics and health endpoint; 0 picks a free one, -1 serves none. Default 9400. */
    public LocalPipelineBuilder metricsPort(int port) {
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("metricsPort must be -1 or a port, got " + port);
        }
        this.metricsPort = port;
        return this;
    }

    /** The longest a sink batch waits before it is inserted (the sink's {@code batch.max-age-ms}). */
    public LocalPipelineBuilder sinkBatchMaxAge(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("sinkBatchMaxAge must be positive, got " + maxAge);
        }
        this.sinkBatchMaxAge = maxAge;
        return this;
    }

    /** How long the Streams stages may take to reach RUNNING; 90 s by default. */
    public LocalPipelineBuilder startTimeout(Duration timeout) {
        this.startTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Environment variables the stages read keys from ({@code SIEVE_KEY__*}); the process's by default. */
    public LocalPipelineBuilder environment(Map<String, String> env) {
        this.environment = Map.copyOf(Objects.requireNonNull(env, "env"));
        return this;
    }

    /**
     * The Kafka Streams applications between the raw and the purpose topics, started in this order and stopped in
     * reverse; {@link StreamsStage#PRODUCTION} by default. For benchmarks that compare a baseline of the same shape.
     */
    public LocalPipelineBuilder streamsStages(List<StreamsStage> stages) {
        Objects.requireNonNull(stages, "stages");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("streamsStages must name at least one stage");
        }
        this.streamsStages = List.copyOf(stages);
        return this;
    }

    /** Receives one line per step while starting and stopping; nothing by default. */
    public LocalPipelineBuilder progress(Consumer<String> listener) {
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
        Teardown teardown = new Teardown(progress);
        try {
            LocalDependencies dependencies = LocalDependencies.start(this, teardown);
            return new LocalPipeline(dependencies, LocalStages.start(this, dependencies, teardown), teardown);
        } catch (StartException | RuntimeException e) {
            teardown.close(); // stops whatever had started
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
