package dev.sieve.ingest.config;

import dev.sieve.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the collector talks to Kafka. Durability settings are not here because they are not negotiable: the
 * producer is always idempotent with {@code acks=all}.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param requestTimeout   how long one produce request may take
 * @param deliveryTimeout  how long a record may take to be acknowledged, retries included; past it the batch
 *                         is answered 503
 * @param maxBlock         how long a send may wait for metadata or buffer space
 * @param linger           how long the producer waits to fill a Kafka batch
 * @param clientProperties further producer and admin client settings (TLS, SASL, compression), passed as given
 */
public record KafkaConfig(String bootstrapServers, Duration requestTimeout, Duration deliveryTimeout,
        Duration maxBlock, Duration linger, Map<String, String> clientProperties) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);

    public KafkaConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        Objects.requireNonNull(maxBlock, "maxBlock");
        Objects.requireNonNull(linger, "linger");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Settings of a consumer that follows a control topic ({@code CompactedTopicFollower}). */
    public Map<String, Object> followerClient(TopicSpec<?, ?> topic) {
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", "sieve-ingest-" + topic.name());
        return p;
    }

    /** Leaves the client properties' values out: they hold SASL and TLS passwords. */
    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", requestTimeout=" + requestTimeout
                + ", deliveryTimeout=" + deliveryTimeout + ", maxBlock=" + maxBlock + ", linger=" + linger
                + ", clientProperties=" + clientProperties.keySet() + "]";
    }
}
