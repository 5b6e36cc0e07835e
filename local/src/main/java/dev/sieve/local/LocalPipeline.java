package dev.sieve.local;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.sink.clickhouse.SchemaOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole Sieve pipeline in this JVM, for a fresh machine, an end-to-end test or a benchmark: Kafka,
 * ClickHouse, and the collector, enrich, anonymize and sink, each started from its own configuration types
 * ({@link StageConfigs}), so the code that runs is the production code.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link LocalPipelineBuilder#start()} returns once every stage runs: every topic the policy implies
 *       exists ({@link dev.sieve.schemas.topic.TopicApplier}), every table exists (the sink's migrations), enrich
 *       and anonymize are {@code RUNNING}, the sink consumes and the collector listens. If a step fails, whatever
 *       had started is stopped again and the {@link StartException} names the step.</li>
 *   <li>Kafka is the configured cluster, else an in-process KRaft broker
 *       ({@link dev.sieve.kafkalocal.KafkaNode}). ClickHouse is the configured server, else the real engine
 *       (chDB, {@link dev.sieve.enginelocal.ChdbEngine}) behind ClickHouse's HTTP interface
 *       ({@link dev.sieve.local.clickhouse.EmbeddedClickHouseServer}, loopback only). Every region of the policy
 *       stores into that one ClickHouse, database {@value #DATABASE}; the sink reaches it through its production
 *       adapter.</li>
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
 *
 * <p>This class is what callers hold; starting is split by what it does: {@link LocalPipelineBuilder} (the
 * settings), {@link LocalDependencies} (work directory, policy, Kafka, topics, ClickHouse), {@link LocalStages}
 * (the stages, each from {@link StageConfigs}) and {@link Teardown} (the stop order).
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

    private final LocalDependencies dependencies;
    private final LocalStages stages;
    private final Teardown teardown;

    LocalPipeline(LocalDependencies dependencies, LocalStages stages, Teardown teardown) {
        this.dependencies = dependencies;
        this.stages = stages;
        this.teardown = teardown;
    }

    public static LocalPipelineBuilder builder() {
        return new LocalPipelineBuilder();
    }

    /** Where apps send events, e.g. {@code http://localhost:8080} ({@code /v1/events}, {@code /v1/logs}). */
    public String collectorUrl() {
        return stages.collectorUrl();
    }

    /** The app id events must carry. */
    public String appId() {
        return APP_ID;
    }

    /** The app's API key, for {@code Authorization: Bearer <key>}; new on every start. */
    public String apiKey() {
        return stages.apiKey();
    }

    /** Kafka's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return dependencies.bootstrapServers();
    }

    /** Settings for a Kafka client of this pipeline's Kafka: bootstrap servers and any TLS/SASL settings. */
    public Map<String, Object> kafkaClientProperties() {
        return dependencies.kafkaClientProperties();
    }

    /** ClickHouse's HTTP URL, e.g. {@code http://localhost:8123}. */
    public String clickHouseUrl() {
        return dependencies.clickHouse().url();
    }

    /** The combined {@code /metrics} and {@code /health} of enrich, anonymize and sink, unless turned off. */
    public Optional<String> metricsUrl() {
        return stages.metricsUrl();
    }

    /** The policy the stages enforce. */
    public Policy policy() {
        return dependencies.policy();
    }

    /**
     * Runs one statement on ClickHouse through the sink's production adapter.
     *
     * @param format a ClickHouse output format, e.g. {@code TabSeparated} or {@code JSONEachRow}
     * @return the output as text
     * @throws dev.sieve.sink.store.StoreFailure if ClickHouse refuses it (its message redacts row values)
     */
    public String query(String sql, String format) {
        return dependencies.queries().query(sql, format);
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
        teardown.close();
    }
}
