package dev.sieve.streams;

import dev.sieve.runtime.ConfigReader;
import dev.sieve.runtime.GroupMembership;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What every Streams stage needs: where Kafka is, who it is, where its state lives, which policy it enforces,
 * and pass-through Kafka Streams settings ({@code streams.*}, e.g. {@code streams.num.stream.threads} or the
 * TLS/SASL client settings {@code streams.security.protocol}, {@code streams.sasl.jaas.config}).
 *
 * <p>Exactly-once ({@code exactly_once_v2}) is always on: a pass-through may not turn it off. The main
 * consumer's group membership (static instance id, session timeout) is {@link GroupMembership}'s.
 */
public record StageSettings(String bootstrapServers, String applicationId, Path stateDir, Optional<Path> policyFile,
        int metricsPort, Map<String, String> streams, GroupMembership membership) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String STATE_DIR = "state.dir";
    public static final String POLICY_FILE = "policy.file";
    /** Port of the Prometheus {@code /metrics} and {@code /health} endpoint; -1 turns it off. */
    public static final String METRICS_PORT = "metrics.port";
    public static final String STREAMS_PREFIX = "streams.";

    /**
     * Reads the common keys; problems are collected in {@code reader}.
     *
     * @param defaultMetricsPort each stage has its own, so that several can run on one host
     */
    public static StageSettings read(ConfigReader reader, String defaultApplicationId, int defaultMetricsPort) {
        String bootstrap = reader.required(BOOTSTRAP_SERVERS);
        String appId = reader.string(APPLICATION_ID, defaultApplicationId);
        Path stateDir = Path.of(reader.string(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"),
                "sieve-streams").toString()));
        Optional<Path> policy = reader.path(POLICY_FILE, true);
        int metricsPort = reader.integer(METRICS_PORT, defaultMetricsPort, -1, 65535);
        Map<String, String> streams = reader.withPrefix(STREAMS_PREFIX);
        String guarantee = streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee != null && !guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            reader.problem(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "Sieve stages always run "
                    + StreamsConfig.EXACTLY_ONCE_V2 + " (nothing lost, nothing duplicated); remove the setting");
        }
        Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS, StreamsConfig.APPLICATION_ID_CONFIG,
                APPLICATION_ID, StreamsConfig.STATE_DIR_CONFIG, STATE_DIR).forEach((owned, key) -> {
                    if (streams.containsKey(owned)) {
                        reader.problem(STREAMS_PREFIX + owned, "set " + key + " instead");
                    }
                });
        GroupMembership membership = GroupMembership.read(reader, streams, STREAMS_PREFIX);
        return new StageSettings(bootstrap, appId, stateDir, policy, metricsPort, streams, membership);
    }

    /** The same settings for another application: what runs two stages' work as one takes both stages' settings. */
    public StageSettings withApplicationId(String id) {
        return new StageSettings(bootstrapServers, id, stateDir, policyFile, metricsPort, streams, membership);
    }

    public Policy loadPolicy() throws PolicyException, IOException {
        return PolicyLoader.load(policyFile);
    }

    /** Kafka Streams properties: the pass-throughs, then what Sieve insists on. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(streams);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // The processing exception handler covers the global stores (control topics) too, as it will by default
        // from Kafka Streams 5.0; today's default leaves them out and warns at every start.
        p.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        // The main consumer only: restore and global consumers belong to no group.
        membership.consumerSettings().forEach((k, v) -> p.put(StreamsConfig.mainConsumerPrefix(k), v));
        return p;
    }
}
