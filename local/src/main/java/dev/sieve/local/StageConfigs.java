package dev.sieve.local;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.HttpConfig;
import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.config.Rate;
import dev.sieve.ingest.config.RateLimits;
import dev.sieve.local.demo.DemoSettings;
import dev.sieve.runtime.GroupMembership;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.config.RegionEndpoint;
import dev.sieve.sink.config.SinkConfig;
import dev.sieve.sink.config.SinkConfigLoader;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.sink.write.InsertPool;
import dev.sieve.sink.write.Retrying;
import dev.sieve.streams.StageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of each stage of a local pipeline, in the stages' own configuration types and with their
 * own defaults, so that what runs is configured as a deployment configures it; only where things are differs.
 *
 * @param bootstrapServers Kafka
 * @param kafkaClient      settings for every Kafka client (TLS, SASL), passed as Kafka Streams settings too
 * @param policyFile       the policy file, or empty for the bundled one
 * @param keysDir          the pseudonymization key directory
 * @param geoDatabase      enrich's MaxMind-format database, if any
 * @param geoRanges        enrich's CIDR table, if any
 * @param stateDir         where the Streams stages keep their local state
 * @param collectorHost    interface the collector listens on
 * @param collectorPort    the collector's port
 * @param appId            the one app the collector takes events from
 * @param apiKey           its API key
 * @param clickHouse       the one ClickHouse the sink stores into
 * @param sinkBatchMaxAge  the longest a sink batch waits before it is inserted
 */
record StageConfigs(String bootstrapServers, Map<String, String> kafkaClient, Optional<Path> policyFile,
        Path keysDir, Optional<Path> geoDatabase, Optional<Path> geoRanges, Path stateDir, String collectorHost,
        int collectorPort, String appId, String apiKey, RegionEndpoint clickHouse, Duration sinkBatchMaxAge) {

    /** The stages' own metrics endpoints stay closed: the local pipeline serves one for all of them. */
    private static final int NO_METRICS_PORT = -1;
    /** The sink's consumer group; its control consumer uses {@code sieve-sink-control}. */
    private static final String SINK_GROUP_ID = "sieve-sink";

    CollectorConfig collector() {
        return new CollectorConfig(
                new HttpConfig(collectorHost, collectorPort, HttpConfig.DEFAULT_RETRY_AFTER,
                        HttpConfig.DEFAULT_SHUTDOWN_TIMEOUT),
                Optional.empty(),
                new KafkaConfig(bootstrapServers, KafkaConfig.DEFAULT_REQUEST_TIMEOUT,
                        KafkaConfig.DEFAULT_DELIVERY_TIMEOUT, KafkaConfig.DEFAULT_MAX_BLOCK, KafkaConfig.DEFAULT_LINGER,
                        kafkaClient),
                Limits.defaults(),
                // Room for the fastest demo traffic, so the demo never meets the collector's allowance.
                new RateLimits(new Rate(DemoSettings.MAX_EVENTS_PER_SECOND, 2 * DemoSettings.MAX_EVENTS_PER_SECOND),
                        Map.of()),
                Map.of(appId, apiKey), policyFile);
    }

    EnrichApp.Settings enrich() {
        return new EnrichApp.Settings(stage(EnrichApp.DEFAULT_APPLICATION_ID), geoDatabase, geoRanges,
                EnrichApp.DEFAULT_MAX_FUTURE_SKEW, SeenEvents.DEFAULT_WINDOW);
    }

    AnonymizeApp.Settings anonymize() {
        return new AnonymizeApp.Settings(stage(AnonymizeApp.DEFAULT_APPLICATION_ID), Optional.of(keysDir),
                AnonymizeApp.DEFAULT_OVERLAP);
    }

    private StageSettings stage(String applicationId) {
        return new StageSettings(bootstrapServers, applicationId, stateDir, policyFile, NO_METRICS_PORT, kafkaClient,
                GroupMembership.DEFAULTS);
    }

    /** The sink of the policy's {@code regions}: one ClickHouse here, so every region stores into it. */
    SinkConfig sink(Set<String> regions) {
        Map<String, RegionEndpoint> endpoints = new LinkedHashMap<>();
        regions.forEach(region -> endpoints.put(region, clickHouse));
        return new SinkConfig(bootstrapServers, SINK_GROUP_ID, kafkaClient, GroupMembership.DEFAULTS,
                Optional.of(keysDir), NO_METRICS_PORT, SchemaOptions.single(LocalPipeline.DATABASE), endpoints,
                new BatchThresholds(BatchThresholds.DEFAULT_MAX_ROWS, BatchThresholds.DEFAULT_MAX_BYTES,
                        sinkBatchMaxAge),
                Retrying.DEFAULT_POLICY, ClientV2Gateway.DEFAULT_TIMEOUT, InsertPool.DEFAULT_MAX_IN_FLIGHT,
                // a local run starts no scheduled scan; sieve scan scans its store when asked
                SinkConfigLoader.SCAN_OFF);
    }
}
