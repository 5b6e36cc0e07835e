package dev.sieve.ingest.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything the collector needs to start, checked: instances come from {@link CollectorConfigLoader}, which reports
 * every problem at once, or from tests.
 *
 * @param http    the HTTP listener
 * @param tls     HTTPS settings; empty for plain HTTP
 * @param kafka   the Kafka producer
 * @param limits  what the collector reads at most
 * @param rateLimits how many events each app may send
 * @param apiKeys each app's API key, by app id
 * @param policy  a policy file to use instead of the one in {@code sieve-schemas}
 * @param serverKeys each app's server key for the rights API, by app id (apps without one have none)
 * @param rights  the rights API's settings; present exactly when some app has a server key
 */
public record CollectorConfig(HttpConfig http, Optional<TlsConfig> tls, KafkaConfig kafka, Limits limits,
        RateLimits rateLimits, Map<String, String> apiKeys, Optional<Path> policy, Map<String, String> serverKeys,
        Optional<RightsConfig> rights) {

    /** Without the rights API: no server keys. */
    public CollectorConfig(HttpConfig http, Optional<TlsConfig> tls, KafkaConfig kafka, Limits limits,
            RateLimits rateLimits, Map<String, String> apiKeys, Optional<Path> policy) {
        this(http, tls, kafka, limits, rateLimits, apiKeys, policy, Map.of(), Optional.empty());
    }

    public CollectorConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(rateLimits, "rateLimits");
        for (String app : apiKeys.keySet()) {
            // The loader reports this with the keys to change; here it guards configurations built in code.
            if (rateLimits.of(app).burst() < limits.maxEventsPerBatch()) {
                throw new IllegalArgumentException("the burst of app " + app + " (" + rateLimits.of(app).burst()
                        + ") is below the most events per batch (" + limits.maxEventsPerBatch()
                        + "), so a full batch could never pass");
            }
        }
        apiKeys = Map.copyOf(apiKeys);
        Objects.requireNonNull(policy, "policy");
        if (!apiKeys.keySet().containsAll(serverKeys.keySet())) {
            throw new IllegalArgumentException("a server key belongs to an app without an API key");
        }
        if (serverKeys.isEmpty() == rights.isPresent()) {
            throw new IllegalArgumentException("the rights API is configured exactly when some app has a server key");
        }
        serverKeys = Map.copyOf(serverKeys);
    }

    /** Names the apps but not their keys: configuration gets logged, secrets must not. */
    @Override
    public String toString() {
        return "CollectorConfig[http=" + http + ", tls=" + tls + ", kafka=" + kafka + ", limits=" + limits
                + ", rateLimits=" + rateLimits + ", apps=" + new TreeSet<>(apiKeys.keySet()) + ", policy=" + policy
                + ", serverKeyApps=" + new TreeSet<>(serverKeys.keySet()) + ", rights=" + rights + "]";
    }
}
