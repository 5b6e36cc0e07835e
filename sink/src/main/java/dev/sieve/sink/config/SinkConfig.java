package dev.sieve.sink.config;

import dev.sieve.runtime.GroupMembership;
import dev.sieve.sdk.RetryPolicy;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.write.BatchThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The sink's validated configuration; see {@link SinkConfigLoader} for the keys.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param groupId          consumer group of the writers; the control consumer uses {@code <groupId>-control}
 * @param kafkaClient      extra Kafka client settings (TLS, SASL), passed to every client as they are
 * @param membership       how the consumers belong to their groups (static instance id, session timeout)
 * @param keysDir          pseudonymization key directory (keys may also come from the environment)
 * @param metricsPort      port of the Prometheus {@code /metrics} and {@code /health} endpoint; -1 turns it off
 * @param schema           database and cluster mode
 * @param regions          ClickHouse endpoint per region
 * @param thresholds       batch thresholds
 * @param retry            retries of transient ClickHouse errors
 * @param timeout          longest one ClickHouse statement may take
 * @param maxInsertsInFlight store inserts running at once, over all tables and regions
 * @param scanInterval     time between the scheduled scans for identifiers in the stores; zero when they are off
 */
public record SinkConfig(
        String bootstrapServers,
        String groupId,
        Map<String, String> kafkaClient,
        GroupMembership membership,
        Optional<Path> keysDir,
        int metricsPort,
        SchemaOptions schema,
        Map<String, RegionEndpoint> regions,
        BatchThresholds thresholds,
        RetryPolicy retry,
        Duration timeout,
        int maxInsertsInFlight,
        Duration scanInterval) {

    public SinkConfig {
        kafkaClient = Map.copyOf(kafkaClient);
        regions = Map.copyOf(regions);
    }

    /** The control consumer's group: one instance of the deployment applies each control record. */
    public String controlGroupId() {
        return groupId + "-control";
    }

    @Override
    public String toString() {
        return "SinkConfig[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", kafkaClient="
                + kafkaClient.keySet() + ", membership=" + membership + ", keysDir=" + keysDir + ", metricsPort=" + metricsPort + ", schema=" + schema
                + ", regions=" + regions + ", thresholds=" + thresholds + ", retry=" + retry + ", timeout=" + timeout
                + ", maxInsertsInFlight=" + maxInsertsInFlight + ", scanInterval=" + scanInterval + "]";
    }
}
