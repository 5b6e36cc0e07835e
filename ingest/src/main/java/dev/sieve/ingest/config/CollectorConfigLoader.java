package dev.sieve.ingest.config;

import dev.sieve.runtime.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The collector's configuration keys, read with Sieve's shared {@link dev.sieve.runtime.ConfigReader}: a
 * properties file, {@code ${NAME}} references to environment variables (so API keys and passwords need not be
 * written in the file), {@code SIEVE_<KEY>} environment overrides. A {@link CollectorConfig} it returns is
 * usable; otherwise every problem is reported at once ({@link ConfigException}): unknown keys, values of the
 * wrong form or range, settings that do not fit together (naming both keys). Secrets never appear in messages.
 *
 * <p>The keys are listed in the README ("Ingest: collector and SDK").
 */
public final class CollectorConfigLoader {

    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_RETRY_AFTER_SECONDS = "http.retry-after-seconds";
    public static final String HTTP_SHUTDOWN_TIMEOUT_MS = "http.shutdown-timeout-ms";
    public static final String TLS_KEY_STORE = "tls.key-store";
    public static final String TLS_KEY_STORE_PASSWORD = "tls.key-store-password";
    public static final String TLS_KEY_STORE_TYPE = "tls.key-store-type";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String KAFKA_REQUEST_TIMEOUT_MS = "kafka.request-timeout-ms";
    public static final String KAFKA_DELIVERY_TIMEOUT_MS = "kafka.delivery-timeout-ms";
    public static final String KAFKA_MAX_BLOCK_MS = "kafka.max-block-ms";
    public static final String KAFKA_LINGER_MS = "kafka.linger-ms";
    /** Prefix of settings passed to the Kafka clients as they are: {@code kafka.client.security.protocol=SSL}. */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";
    public static final String LIMITS_MAX_BODY_BYTES = "limits.max-body-bytes";
    public static final String LIMITS_MAX_EVENTS_PER_BATCH = "limits.max-events-per-batch";
    public static final String LIMITS_MAX_EVENT_BYTES = "limits.max-event-bytes";
    public static final String LIMITS_MAX_STRING_LENGTH = "limits.max-string-length";
    /** The rate of apps without their own {@code apps.<app-id>.events-per-second}. */
    public static final String LIMITS_APP_EVENTS_PER_SECOND = "limits.app-events-per-second";
    /** The burst of apps without their own {@code apps.<app-id>.burst}. */
    public static final String LIMITS_APP_BURST = "limits.app-burst";
    public static final String POLICY_FILE = "policy.file";
    /** {@code apps.<app-id>.api-key}: one per app; optionally the app's own rate and burst. */
    public static final String APPS_PREFIX = "apps.";
    public static final String API_KEY_SUFFIX = ".api-key";
    public static final String EVENTS_PER_SECOND_SUFFIX = ".events-per-second";
    public static final String BURST_SUFFIX = ".burst";
    /** {@code apps.<app-id>.server-key}: the key of the app's servers for the rights API, never the SDK's. */
    public static final String SERVER_KEY_SUFFIX = ".server-key";
    private static final List<String> APP_SUFFIXES = List.of(API_KEY_SUFFIX, EVENTS_PER_SECOND_SUFFIX, BURST_SUFFIX,
            SERVER_KEY_SUFFIX);
    /** The sink's configuration file: the rights API reaches the regions' ClickHouse and the keys through it. */
    public static final String RIGHTS_SINK_CONFIG = "rights.sink-config";
    /** Where access exports are written until downloaded. */
    public static final String RIGHTS_EXPORT_DIR = "rights.export-dir";
    /** How often open erasure requests are checked against the sink's audit. */
    public static final String RIGHTS_POLL_INTERVAL_MS = "rights.poll-interval-ms";

    /** Short keys are guessable. */
    public static final int MIN_API_KEY_LENGTH = 16;

    /** Producer settings behind the collector's guarantees (durability, ordering, timeouts it reports). */
    private static final Set<String> FIXED_CLIENT_PROPERTIES = Set.of("acks", "enable.idempotence",
            "max.in.flight.requests.per.connection", "retries", "transactional.id", "bootstrap.servers",
            "key.serializer", "value.serializer", "request.timeout.ms", "delivery.timeout.ms", "max.block.ms",
            "linger.ms", "max.request.size");
    private static final Set<String> KEY_STORE_TYPES = Set.of("PKCS12", "JKS");
    /** App ids appear in metric labels and dead-letter headers: a small, safe alphabet. */
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private CollectorConfigLoader() {}

    /**
     * @param env environment variables for {@code ${NAME}} references and overrides, usually {@link System#getenv()}
     */
    public static CollectorConfig read(Path file, Map<String, String> env) throws ConfigException {
        return read(dev.sieve.runtime.ConfigReader.load(file, env));
    }

    /** Reads every collector key and finishes {@code reader}. */
    private static CollectorConfig read(dev.sieve.runtime.ConfigReader reader) throws ConfigException {
        HttpConfig http = new HttpConfig(
                reader.string(HTTP_HOST, HttpConfig.DEFAULT_HOST),
                reader.integer(HTTP_PORT, HttpConfig.DEFAULT_PORT, 0, 65_535),
                Duration.ofSeconds(reader.integer(HTTP_RETRY_AFTER_SECONDS,
                        (int) HttpConfig.DEFAULT_RETRY_AFTER.toSeconds(), 1, 3600)),
                millis(reader, HTTP_SHUTDOWN_TIMEOUT_MS, HttpConfig.DEFAULT_SHUTDOWN_TIMEOUT, 0));
        Optional<TlsConfig> tls = tls(reader);
        KafkaConfig kafka = kafka(reader);
        Limits limits = limits(reader);
        Rate defaultRate = rate(reader, LIMITS_APP_EVENTS_PER_SECOND, LIMITS_APP_BURST, Rate.defaults(), limits);
        Map<String, String> apiKeys = new LinkedHashMap<>();
        Map<String, Rate> rates = new LinkedHashMap<>();
        Map<String, String> serverKeys = new LinkedHashMap<>();
        apps(reader, defaultRate, limits, apiKeys, rates, serverKeys);
        Optional<RightsConfig> rights = rights(reader, serverKeys);
        Optional<Path> policy = reader.path(POLICY_FILE, true);
        reader.finish();
        return new CollectorConfig(http, tls, kafka, limits, new RateLimits(defaultRate, rates), apiKeys, policy,
                serverKeys, rights);
    }

    private static Optional<TlsConfig> tls(dev.sieve.runtime.ConfigReader reader) {
        Optional<Path> keyStore = reader.path(TLS_KEY_STORE, true);
        if (keyStore.isEmpty()) {
            if (!reader.isSet(TLS_KEY_STORE)) {
                for (String dependent : List.of(TLS_KEY_STORE_PASSWORD, TLS_KEY_STORE_TYPE)) {
                    if (reader.isSet(dependent)) {
                        reader.problem(dependent, "set without " + TLS_KEY_STORE);
                    }
                }
            }
            return Optional.empty();
        }
        if (!reader.isSet(TLS_KEY_STORE_PASSWORD)) {
            reader.problem(TLS_KEY_STORE_PASSWORD, "required when " + TLS_KEY_STORE + " is set");
        }
        String password = reader.string(TLS_KEY_STORE_PASSWORD, "");
        String type = reader.string(TLS_KEY_STORE_TYPE, TlsConfig.DEFAULT_KEY_STORE_TYPE);
        if (!KEY_STORE_TYPES.contains(type)) {
            reader.problem(TLS_KEY_STORE_TYPE, "must be one of " + String.join(", ", new TreeSet<>(KEY_STORE_TYPES)));
        }
        return Optional.of(new TlsConfig(keyStore.get(), password, type));
    }

    private static KafkaConfig kafka(dev.sieve.runtime.ConfigReader reader) {
        String bootstrap = reader.required(KAFKA_BOOTSTRAP_SERVERS);
        Duration requestTimeout = millis(reader, KAFKA_REQUEST_TIMEOUT_MS, KafkaConfig.DEFAULT_REQUEST_TIMEOUT, 1);
        Duration deliveryTimeout = millis(reader, KAFKA_DELIVERY_TIMEOUT_MS, KafkaConfig.DEFAULT_DELIVERY_TIMEOUT, 1);
        Duration maxBlock = millis(reader, KAFKA_MAX_BLOCK_MS, KafkaConfig.DEFAULT_MAX_BLOCK, 1);
        Duration linger = millis(reader, KAFKA_LINGER_MS, KafkaConfig.DEFAULT_LINGER, 0);
        // Kafka's own rule; checked here so the message names our keys rather than Kafka's.
        Duration needed = linger.plus(requestTimeout);
        if (deliveryTimeout.compareTo(needed) < 0) {
            reader.problem(KAFKA_DELIVERY_TIMEOUT_MS, "must be at least " + KAFKA_LINGER_MS + " + "
                    + KAFKA_REQUEST_TIMEOUT_MS + " (" + needed.toMillis() + ")");
        }
        Map<String, String> client = new HashMap<>();
        reader.withPrefix(KAFKA_CLIENT_PREFIX).forEach((name, value) -> {
            if (FIXED_CLIENT_PROPERTIES.contains(name)) {
                reader.problem(KAFKA_CLIENT_PREFIX + name, "fixed by the collector, cannot be set");
            } else {
                client.put(name, value);
            }
        });
        return new KafkaConfig(bootstrap, requestTimeout, deliveryTimeout, maxBlock, linger, client);
    }

    private static Limits limits(dev.sieve.runtime.ConfigReader reader) {
        Limits limits = new Limits(
                reader.integer(LIMITS_MAX_BODY_BYTES, Limits.DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE),
                reader.integer(LIMITS_MAX_EVENTS_PER_BATCH, Limits.DEFAULT_MAX_EVENTS_PER_BATCH, 1, Integer.MAX_VALUE),
                reader.integer(LIMITS_MAX_EVENT_BYTES, Limits.DEFAULT_MAX_EVENT_BYTES, 1, Integer.MAX_VALUE),
                reader.integer(LIMITS_MAX_STRING_LENGTH, Limits.DEFAULT_MAX_STRING_LENGTH, 1, Integer.MAX_VALUE));
        if (limits.maxEventBytes() > limits.maxBodyBytes()) {
            reader.problem(LIMITS_MAX_EVENT_BYTES, "must not exceed " + LIMITS_MAX_BODY_BYTES + " ("
                    + limits.maxBodyBytes() + ")");
        }
        return limits;
    }

    /**
     * A rate and burst, each the given default when not set; the burst must hold a full batch, or such a batch
     * could never pass (a default burst is checked where it is set).
     */
    private static Rate rate(dev.sieve.runtime.ConfigReader reader, String rateKey, String burstKey, Rate defaults,
            Limits limits) {
        int perSecond = reader.integer(rateKey, defaults.eventsPerSecond(), 1, Integer.MAX_VALUE);
        int burst = reader.integer(burstKey, defaults.burst(), 1, Integer.MAX_VALUE);
        boolean ownBurst = reader.isSet(burstKey) || burstKey.equals(LIMITS_APP_BURST);
        if (ownBurst && burst < limits.maxEventsPerBatch()) {
            reader.problem(burstKey, "must be at least " + LIMITS_MAX_EVENTS_PER_BATCH + " ("
                    + limits.maxEventsPerBatch() + "), or a full batch could never pass");
        }
        return new Rate(perSecond, burst);
    }

    /**
     * The rights API's settings: needed exactly when some app has a server key, since the API is what server keys
     * are for, and the API needs the sink's configuration to reach the stored data.
     */
    private static Optional<RightsConfig> rights(dev.sieve.runtime.ConfigReader reader,
            Map<String, String> serverKeys) {
        List<String> keys = List.of(RIGHTS_SINK_CONFIG, RIGHTS_EXPORT_DIR, RIGHTS_POLL_INTERVAL_MS);
        if (serverKeys.isEmpty()) {
            for (String key : keys) {
                if (reader.isSet(key)) {
                    reader.problem(key, "set without any " + APPS_PREFIX + "<app-id>" + SERVER_KEY_SUFFIX
                            + ": the rights API serves only apps with a server key");
                }
            }
            return Optional.empty();
        }
        for (String key : List.of(RIGHTS_SINK_CONFIG, RIGHTS_EXPORT_DIR)) {
            if (!reader.isSet(key)) {
                reader.problem(key, "required when an app has a server key (" + APPS_PREFIX + "<app-id>"
                        + SERVER_KEY_SUFFIX + ")");
            }
        }
        Optional<Path> sinkConfig = reader.path(RIGHTS_SINK_CONFIG, true);
        Optional<Path> exportDir = reader.path(RIGHTS_EXPORT_DIR, true);
        exportDir.filter(d -> !Files.isDirectory(d))
                .ifPresent(d -> reader.problem(RIGHTS_EXPORT_DIR, "is not a directory"));
        Duration poll = millis(reader, RIGHTS_POLL_INTERVAL_MS, RightsConfig.DEFAULT_POLL_INTERVAL, 10);
        if (sinkConfig.isEmpty() || exportDir.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RightsConfig(sinkConfig.get(), exportDir.get(), poll));
    }

    /**
     * Reads {@code apps.<app-id>.*}: each app's key into {@code keys}, its own rate, if any, into {@code rates}, its
     * server key, if any, into {@code serverKeys}.
     */
    private static void apps(dev.sieve.runtime.ConfigReader reader, Rate defaultRate, Limits limits,
            Map<String, String> keys, Map<String, Rate> rates, Map<String, String> serverKeys) {
        Map<String, String> appByKey = new HashMap<>();
        Set<String> configured = reader.keysUnder(APPS_PREFIX);
        Set<String> apps = new TreeSet<>();
        for (String key : configured) {
            Optional<String> suffix = APP_SUFFIXES.stream()
                    .filter(s -> key.endsWith(s) && key.length() > APPS_PREFIX.length() + s.length()).findFirst();
            if (suffix.isEmpty()) {
                reader.problem(key, "unknown key; apps are configured as " + APPS_PREFIX + "<app-id>" + API_KEY_SUFFIX
                        + " (and optionally " + APPS_PREFIX + "<app-id>" + EVENTS_PER_SECOND_SUFFIX + ", "
                        + APPS_PREFIX + "<app-id>" + BURST_SUFFIX + ", " + APPS_PREFIX + "<app-id>"
                        + SERVER_KEY_SUFFIX + ")");
                continue;
            }
            String app = key.substring(APPS_PREFIX.length(), key.length() - suffix.get().length());
            if (!APP_ID.matcher(app).matches()) {
                reader.problem(key, "app id must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting"
                        + " with a letter or digit");
                continue;
            }
            apps.add(app);
        }
        for (String app : apps) {
            String keyKey = APPS_PREFIX + app + API_KEY_SUFFIX;
            String rateKey = APPS_PREFIX + app + EVENTS_PER_SECOND_SUFFIX;
            String burstKey = APPS_PREFIX + app + BURST_SUFFIX;
            String serverKeyKey = APPS_PREFIX + app + SERVER_KEY_SUFFIX;
            if (!configured.contains(keyKey)) {
                for (String dependent : List.of(rateKey, burstKey, serverKeyKey)) {
                    if (configured.contains(dependent)) {
                        reader.problem(dependent, "set without " + keyKey);
                    }
                }
                continue;
            }
            if (configured.contains(rateKey) || configured.contains(burstKey)) {
                rates.put(app, rate(reader, rateKey, burstKey, defaultRate, limits));
            }
            // Empty when the key refers to an unset variable: reported once, checked no further.
            String apiKey = reader.required(keyKey);
            if (apiKey.isEmpty()) {
                continue;
            }
            if (apiKey.length() < MIN_API_KEY_LENGTH) {
                reader.problem(keyKey, "too short: an API key needs at least " + MIN_API_KEY_LENGTH + " characters");
                continue;
            }
            String other = appByKey.putIfAbsent(apiKey, app);
            if (other != null) {
                reader.problem(keyKey, "same key as " + keyName(other) + "; each app needs its own");
                continue;
            }
            keys.put(app, apiKey);
            if (configured.contains(serverKeyKey)) {
                serverKey(reader, app, serverKeyKey, appByKey).ifPresent(k -> serverKeys.put(app, k));
            }
        }
        if (configured.isEmpty()) {
            reader.problem("apps", "no app configured: add " + APPS_PREFIX + "<app-id>" + API_KEY_SUFFIX);
        }
    }

    /**
     * An app's server key: as long as an API key, and shared with no other key, ingest or server, so an SDK's key
     * (which ships inside apps and can be extracted) can never act as a server key.
     */
    private static Optional<String> serverKey(dev.sieve.runtime.ConfigReader reader, String app, String key,
            Map<String, String> appByKey) {
        String serverKey = reader.required(key);
        if (serverKey.isEmpty()) {
            return Optional.empty();
        }
        if (serverKey.length() < MIN_API_KEY_LENGTH) {
            reader.problem(key, "too short: a server key needs at least " + MIN_API_KEY_LENGTH + " characters");
            return Optional.empty();
        }
        String other = appByKey.putIfAbsent(serverKey, app + SERVER_KEY_SUFFIX);
        if (other != null) {
            reader.problem(key, "same key as " + keyName(other) + "; a server key must differ from every other key");
            return Optional.empty();
        }
        return Optional.of(serverKey);
    }

    /** The configuration key of a key already seen: an app id (its API key) or {@code <app-id>.server-key}. */
    private static String keyName(String seen) {
        return APPS_PREFIX + seen + (seen.endsWith(SERVER_KEY_SUFFIX) ? "" : API_KEY_SUFFIX);
    }

    private static Duration millis(dev.sieve.runtime.ConfigReader reader, String key, Duration defaultValue,
            int min) {
        return Duration.ofMillis(reader.integer(key, (int) defaultValue.toMillis(), min, Integer.MAX_VALUE));
    }
}
