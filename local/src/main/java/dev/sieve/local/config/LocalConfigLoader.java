package dev.sieve.local.config;

import dev.sieve.local.LocalPipeline;
import dev.sieve.local.demo.DemoSettings;
import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.sink.config.RegionEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the settings of {@code ./sieve run} with the shared {@link ConfigReader} (properties file,
 * {@code ${NAME}} references, {@code SIEVE_<KEY>} overrides), the keys named as every other stage names them,
 * and reports every problem at once.
 *
 * <pre>
 * kafka.bootstrap.servers=host:9092       a Kafka to use; default: start the in-process broker
 * kafka.client.&lt;setting&gt;=...            passed to every Kafka client (TLS, SASL); only with a configured Kafka
 * kafka.partitions=1                      partitions of the topics created
 * clickhouse.url=http://host:8123         a ClickHouse for every region; default: the embedded engine
 * clickhouse.user=default / clickhouse.password=${CH_PASSWORD}   only with clickhouse.url
 * clickhouse.http-port=8123               the embedded engine's HTTP interface (0: any free port)
 * policy.file, keys.dir                   as for the stages; default: the bundled policy, demo keys
 * geo.database | geo.ranges               as for enrich; default: the bundled table of documentation ranges
 * collector.host=127.0.0.1 / collector.port=8080
 * metrics.port=9400                       /metrics and /health of enrich, anonymize and sink; -1 turns it off
 * demo.enabled=true, demo.devices=200, demo.events-per-second=50, demo.seed=42
 * run.duration=60s                        stop after this long; default: run until Ctrl-C
 * </pre>
 */
public final class LocalConfigLoader {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";
    public static final String KAFKA_PARTITIONS = "kafka.partitions";
    public static final String CLICKHOUSE_URL = "clickhouse.url";
    public static final String CLICKHOUSE_USER = "clickhouse.user";
    public static final String CLICKHOUSE_PASSWORD = "clickhouse.password";
    public static final String CLICKHOUSE_HTTP_PORT = "clickhouse.http-port";
    public static final String POLICY_FILE = "policy.file";
    public static final String KEYS_DIR = "keys.dir";
    public static final String GEO_DATABASE = "geo.database";
    public static final String GEO_RANGES = "geo.ranges";
    public static final String COLLECTOR_HOST = "collector.host";
    public static final String COLLECTOR_PORT = "collector.port";
    public static final String METRICS_PORT = "metrics.port";
    public static final String DEMO_ENABLED = "demo.enabled";
    public static final String DEMO_DEVICES = "demo.devices";
    public static final String DEMO_EVENTS_PER_SECOND = "demo.events-per-second";
    public static final String DEMO_SEED = "demo.seed";
    public static final String RUN_DURATION = "run.duration";

    private static final String DEFAULT_CLICKHOUSE_USER = "default";

    private LocalConfigLoader() {}

    /** Reads every key and finishes {@code reader}. */
    public static LocalConfig read(ConfigReader reader) throws ConfigException {
        Optional<String> bootstrap = reader.optional(KAFKA_BOOTSTRAP_SERVERS);
        Map<String, String> kafkaClient = reader.withPrefix(KAFKA_CLIENT_PREFIX);
        if (bootstrap.isEmpty() && !kafkaClient.isEmpty()) {
            reader.problem(KAFKA_CLIENT_PREFIX + "* and " + KAFKA_BOOTSTRAP_SERVERS,
                    "client settings are for a configured Kafka; the in-process broker takes none");
        }
        int partitions = reader.integer(KAFKA_PARTITIONS, LocalPipeline.DEFAULT_PARTITIONS, 1, 10_000);
        Optional<RegionEndpoint> clickHouse = clickHouse(reader);
        if (clickHouse.isPresent() && reader.isSet(CLICKHOUSE_HTTP_PORT)) {
            reader.problem(CLICKHOUSE_HTTP_PORT + " and " + CLICKHOUSE_URL,
                    "the HTTP port is the embedded engine's; with " + CLICKHOUSE_URL + " there is none");
        }
        int httpPort = reader.integer(CLICKHOUSE_HTTP_PORT, LocalPipeline.DEFAULT_CLICKHOUSE_HTTP_PORT, 0, 65_535);
        Optional<Path> policy = reader.path(POLICY_FILE, true);
        Optional<Path> keys = reader.path(KEYS_DIR, true);
        Optional<Path> geoDatabase = reader.path(GEO_DATABASE, true);
        Optional<Path> geoRanges = reader.path(GEO_RANGES, true);
        if (geoDatabase.isPresent() && geoRanges.isPresent()) {
            reader.problem(GEO_DATABASE + " and " + GEO_RANGES, "set one geography source, not both");
        }
        String collectorHost = reader.string(COLLECTOR_HOST, LocalPipeline.DEFAULT_COLLECTOR_HOST);
        int collectorPort = reader.integer(COLLECTOR_PORT, LocalPipeline.DEFAULT_COLLECTOR_PORT, 0, 65_535);
        int metricsPort = reader.integer(METRICS_PORT, LocalPipeline.DEFAULT_METRICS_PORT, -1, 65_535);
        DemoSettings demo = new DemoSettings(bool(reader, DEMO_ENABLED, true),
                reader.integer(DEMO_DEVICES, DemoSettings.DEFAULT_DEVICES, 1, DemoSettings.MAX_DEVICES),
                reader.integer(DEMO_EVENTS_PER_SECOND, DemoSettings.DEFAULT_EVENTS_PER_SECOND, 1,
                        DemoSettings.MAX_EVENTS_PER_SECOND),
                reader.longValue(DEMO_SEED, DemoSettings.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE));
        Optional<Duration> duration = duration(reader);
        reader.finish();
        return new LocalConfig(bootstrap, kafkaClient, partitions, clickHouse, httpPort, policy, keys, geoDatabase,
                geoRanges, collectorHost, collectorPort, metricsPort, demo, duration);
    }

    private static Optional<RegionEndpoint> clickHouse(ConfigReader reader) {
        Optional<String> url = reader.optional(CLICKHOUSE_URL);
        Optional<String> user = reader.optional(CLICKHOUSE_USER);
        Optional<String> password = reader.optional(CLICKHOUSE_PASSWORD);
        if (url.isEmpty()) {
            for (String dependent : List.of(CLICKHOUSE_USER, CLICKHOUSE_PASSWORD)) {
                if (reader.isSet(dependent) && !reader.isSet(CLICKHOUSE_URL)) {
                    reader.problem(dependent, "set without " + CLICKHOUSE_URL + " (the embedded engine has no users)");
                }
            }
            return Optional.empty();
        }
        if (!url.get().startsWith("http://") && !url.get().startsWith("https://")) {
            reader.problem(CLICKHOUSE_URL, "expected an http:// or https:// URL");
            return Optional.empty();
        }
        return Optional.of(new RegionEndpoint(url.get(), user.orElse(DEFAULT_CLICKHOUSE_USER), password.orElse("")));
    }

    private static Optional<Duration> duration(ConfigReader reader) {
        if (reader.optional(RUN_DURATION).isEmpty()) {
            return Optional.empty();
        }
        Duration d = reader.duration(RUN_DURATION, null); // null: the value did not parse, a problem is recorded
        if (d != null && (d.isNegative() || d.isZero())) {
            reader.problem(RUN_DURATION, "must be positive");
            return Optional.empty();
        }
        return Optional.ofNullable(d);
    }

    private static boolean bool(ConfigReader reader, String key, boolean defaultValue) {
        Optional<String> v = reader.optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                reader.problem(key, "expected true or false");
                yield defaultValue;
            }
        };
    }
}
