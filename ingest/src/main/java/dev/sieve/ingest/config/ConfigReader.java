package dev.sieve.ingest.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the collector's configuration from a properties file. Values may refer to environment variables as
 * {@code ${NAME}}, so secrets such as API keys need not be written in the file. Every problem is reported at
 * once ({@link ConfigException}): unknown keys, values of the wrong form or range, settings that do not fit
 * together (naming both keys). Secrets never appear in messages.
 *
 * <p>The keys are listed in the README ("Ingest: collector and SDK").
 */
public final class ConfigReader {

    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_RETRY_AFTER_SECONDS = "http.retry-after-seconds";
    public static final String HTTP_SHUTDOWN_TIMEOUT_MS = "http.shutdown-timeout-ms";
    public static final String TLS_KEY_STORE = "tls.key-store";
    public static final String TLS_KEY_STORE_PASSWORD = "tls.key-store-password";
    public static final String TLS_KEY_STORE_TYPE = "tls.key-store-type";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
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
    public static final String POLICY_FILE = "policy.file";
    /** {@code apps.<app-id>.api-key}: one per app. */
    public static final String APPS_PREFIX = "apps.";
    public static final String API_KEY_SUFFIX = ".api-key";

    /** Short keys are guessable. */
    public static final int MIN_API_KEY_LENGTH = 16;

    private static final Set<String> KNOWN_KEYS = Set.of(HTTP_HOST, HTTP_PORT, HTTP_RETRY_AFTER_SECONDS,
            HTTP_SHUTDOWN_TIMEOUT_MS, TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD, TLS_KEY_STORE_TYPE,
            KAFKA_BOOTSTRAP_SERVERS, KAFKA_REQUEST_TIMEOUT_MS, KAFKA_DELIVERY_TIMEOUT_MS, KAFKA_MAX_BLOCK_MS,
            KAFKA_LINGER_MS, LIMITS_MAX_BODY_BYTES, LIMITS_MAX_EVENTS_PER_BATCH, LIMITS_MAX_EVENT_BYTES,
            LIMITS_MAX_STRING_LENGTH, POLICY_FILE);
    /** Producer settings behind the collector's guarantees (durability, ordering, timeouts it reports). */
    private static final Set<String> FIXED_CLIENT_PROPERTIES = Set.of("acks", "enable.idempotence",
            "max.in.flight.requests.per.connection", "retries", "transactional.id", "bootstrap.servers",
            "key.serializer", "value.serializer", "request.timeout.ms", "delivery.timeout.ms", "max.block.ms",
            "linger.ms", "max.request.size");
    private static final Set<String> KEY_STORE_TYPES = Set.of("PKCS12", "JKS");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** App ids appear in metric labels and dead-letter headers: a small, safe alphabet. */
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, String> env;
    private final List<Problem> problems = new ArrayList<>();
    /** Keys whose value refers to an unset variable; checked no further, one problem is enough. */
    private final Set<String> unresolved = new HashSet<>();

    /** One thing wrong with one key. */
    private record Problem(String key, String message) {}

    private ConfigReader(Properties properties, Map<String, String> env) {
        this.env = env;
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key).trim());
        }
    }

    /**
     * @param env environment variables for {@code ${NAME}} references, usually {@link System#getenv()}
     */
    public static CollectorConfig read(Path file, Map<String, String> env) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(List.of(file + ": cannot read (" + e.getClass().getSimpleName() + ")"));
        }
        return read(properties, env);
    }

    public static CollectorConfig read(Properties properties, Map<String, String> env) throws ConfigException {
        return new ConfigReader(properties, env).read();
    }

    private CollectorConfig read() throws ConfigException {
        interpolate();
        HttpConfig http = new HttpConfig(
                string(HTTP_HOST, HttpConfig.DEFAULT_HOST),
                integer(HTTP_PORT, HttpConfig.DEFAULT_PORT, 0, 65_535),
                Duration.ofSeconds(integer(HTTP_RETRY_AFTER_SECONDS, (int) HttpConfig.DEFAULT_RETRY_AFTER.toSeconds(),
                        1, 3600)),
                millis(HTTP_SHUTDOWN_TIMEOUT_MS, HttpConfig.DEFAULT_SHUTDOWN_TIMEOUT, 0));
        Optional<TlsConfig> tls = tls();
        KafkaConfig kafka = kafka();
        Limits limits = limits();
        Map<String, String> apiKeys = apiKeys();
        Optional<Path> policy = Optional.ofNullable(values.get(POLICY_FILE)).map(Path::of);
        policy.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                problem(POLICY_FILE, "no readable file " + p);
            }
        });
        for (String key : values.keySet()) {
            if (!KNOWN_KEYS.contains(key) && !key.startsWith(KAFKA_CLIENT_PREFIX) && !key.startsWith(APPS_PREFIX)) {
                problem(key, "unknown key");
            }
        }
        if (!problems.isEmpty()) {
            // By key, and for one key in the order found (a stable sort).
            problems.sort(Comparator.comparing(Problem::key));
            throw new ConfigException(problems.stream().map(p -> p.key() + ": " + p.message()).toList());
        }
        return new CollectorConfig(http, tls, kafka, limits, apiKeys, policy);
    }

    /** Replaces {@code ${NAME}} with the environment variable's value. */
    private void interpolate() {
        for (Map.Entry<String, String> e : values.entrySet()) {
            Matcher m = VARIABLE.matcher(e.getValue());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = env.get(m.group(1));
                if (value == null) {
                    problem(e.getKey(), "environment variable " + m.group(1) + " is not set");
                    unresolved.add(e.getKey());
                    value = "";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            e.setValue(out.toString());
        }
    }

    private Optional<TlsConfig> tls() {
        String keyStore = values.get(TLS_KEY_STORE);
        if (keyStore == null) {
            for (String dependent : List.of(TLS_KEY_STORE_PASSWORD, TLS_KEY_STORE_TYPE)) {
                if (values.containsKey(dependent)) {
                    problem(dependent, "set without " + TLS_KEY_STORE);
                }
            }
            return Optional.empty();
        }
        Path path = Path.of(keyStore);
        if (!Files.isReadable(path)) {
            problem(TLS_KEY_STORE, "no readable file " + path);
        }
        String password = values.get(TLS_KEY_STORE_PASSWORD);
        if (password == null) {
            problem(TLS_KEY_STORE_PASSWORD, "required when " + TLS_KEY_STORE + " is set");
            password = "";
        }
        String type = string(TLS_KEY_STORE_TYPE, TlsConfig.DEFAULT_KEY_STORE_TYPE);
        if (!KEY_STORE_TYPES.contains(type)) {
            problem(TLS_KEY_STORE_TYPE, "must be one of " + String.join(", ", new TreeSet<>(KEY_STORE_TYPES)));
        }
        return Optional.of(new TlsConfig(path, password, type));
    }

    private KafkaConfig kafka() {
        String bootstrap = values.get(KAFKA_BOOTSTRAP_SERVERS);
        if (bootstrap == null || bootstrap.isEmpty()) {
            problem(KAFKA_BOOTSTRAP_SERVERS, "required");
            bootstrap = "";
        }
        Duration requestTimeout = millis(KAFKA_REQUEST_TIMEOUT_MS, KafkaConfig.DEFAULT_REQUEST_TIMEOUT, 1);
        Duration deliveryTimeout = millis(KAFKA_DELIVERY_TIMEOUT_MS, KafkaConfig.DEFAULT_DELIVERY_TIMEOUT, 1);
        Duration maxBlock = millis(KAFKA_MAX_BLOCK_MS, KafkaConfig.DEFAULT_MAX_BLOCK, 1);
        Duration linger = millis(KAFKA_LINGER_MS, KafkaConfig.DEFAULT_LINGER, 0);
        // Kafka's own rule; checked here so the message names our keys rather than Kafka's.
        Duration needed = linger.plus(requestTimeout);
        if (deliveryTimeout.compareTo(needed) < 0) {
            problem(KAFKA_DELIVERY_TIMEOUT_MS, "must be at least " + KAFKA_LINGER_MS + " + " + KAFKA_REQUEST_TIMEOUT_MS
                    + " (" + needed.toMillis() + ")");
        }
        Map<String, String> client = new HashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(KAFKA_CLIENT_PREFIX)) {
                String name = e.getKey().substring(KAFKA_CLIENT_PREFIX.length());
                if (name.isEmpty()) {
                    problem(e.getKey(), "names no client setting");
                } else if (FIXED_CLIENT_PROPERTIES.contains(name)) {
                    problem(e.getKey(), "fixed by the collector, cannot be set");
                } else {
                    client.put(name, e.getValue());
                }
            }
        }
        return new KafkaConfig(bootstrap, requestTimeout, deliveryTimeout, maxBlock, linger, client);
    }

    private Limits limits() {
        Limits limits = new Limits(
                integer(LIMITS_MAX_BODY_BYTES, Limits.DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE),
                integer(LIMITS_MAX_EVENTS_PER_BATCH, Limits.DEFAULT_MAX_EVENTS_PER_BATCH, 1, Integer.MAX_VALUE),
                integer(LIMITS_MAX_EVENT_BYTES, Limits.DEFAULT_MAX_EVENT_BYTES, 1, Integer.MAX_VALUE),
                integer(LIMITS_MAX_STRING_LENGTH, Limits.DEFAULT_MAX_STRING_LENGTH, 1, Integer.MAX_VALUE));
        if (limits.maxEventBytes() > limits.maxBodyBytes()) {
            problem(LIMITS_MAX_EVENT_BYTES, "must not exceed " + LIMITS_MAX_BODY_BYTES + " (" + limits.maxBodyBytes()
                    + ")");
        }
        return limits;
    }

    private Map<String, String> apiKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> appByKey = new HashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(APPS_PREFIX)) {
                continue;
            }
            if (!key.endsWith(API_KEY_SUFFIX) || key.length() <= APPS_PREFIX.length() + API_KEY_SUFFIX.length()) {
                problem(key, "unknown key; apps are configured as " + APPS_PREFIX + "<app-id>" + API_KEY_SUFFIX);
                continue;
            }
            if (unresolved.contains(key)) {
                continue;
            }
            String app = key.substring(APPS_PREFIX.length(), key.length() - API_KEY_SUFFIX.length());
            if (!APP_ID.matcher(app).matches()) {
                problem(key, "app id must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit");
                continue;
            }
            String apiKey = e.getValue();
            if (apiKey.length() < MIN_API_KEY_LENGTH) {
                problem(key, "too short: an API key needs at least " + MIN_API_KEY_LENGTH + " characters");
                continue;
            }
            String other = appByKey.putIfAbsent(apiKey, app);
            if (other != null) {
                problem(key, "same key as " + APPS_PREFIX + other + API_KEY_SUFFIX + "; each app needs its own");
                continue;
            }
            keys.put(app, apiKey);
        }
        if (keys.isEmpty() && values.keySet().stream().noneMatch(k -> k.startsWith(APPS_PREFIX))) {
            problem("apps", "no app configured: add " + APPS_PREFIX + "<app-id>" + API_KEY_SUFFIX);
        }
        return keys;
    }

    private String string(String key, String defaultValue) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    private int integer(String key, int defaultValue, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                problem(key, max == Integer.MAX_VALUE ? "must be at least " + min
                        : "must be between " + min + " and " + max);
                return defaultValue;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(key, "not a whole number");
            return defaultValue;
        }
    }

    private Duration millis(String key, Duration defaultValue, int min) {
        return Duration.ofMillis(integer(key, (int) defaultValue.toMillis(), min, Integer.MAX_VALUE));
    }

    private void problem(String key, String message) {
        problems.add(new Problem(key, message));
    }
}
