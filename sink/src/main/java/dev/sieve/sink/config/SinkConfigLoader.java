package dev.sieve.sink.config;

import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.runtime.GroupMembership;
import dev.sieve.sdk.RetryPolicy;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.clickhouse.SchemaOptions;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.sink.write.InsertPool;
import dev.sieve.sink.write.Retrying;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sink's settings with the shared {@link ConfigReader} (properties file, {@code ${NAME}} references,
 * {@code SIEVE_<KEY>} overrides) and reports every bad key at once; a {@link SinkConfig} it returns is usable.
 *
 * <pre>
 * kafka.bootstrap.servers=kafka:9092                  required
 * kafka.group-id=sieve-sink                           default sieve-sink
 * kafka.client.&lt;any client setting&gt;=...              passed to every Kafka client (TLS, SASL)
 * kafka.instance-id=sink-1                            static group membership, see GroupMembership
 * kafka.session-timeout-ms=10000                      default 10 s, see GroupMembership
 * policy.file=/etc/sieve/sieve-policy.yaml            default: the policy shipped with Sieve (read first by
 *                                                     SinkMain: the regions it defines are checked here)
 * keys.dir=/etc/sieve/keys                            pseudonymization keys (also SIEVE_KEY__* variables)
 * metrics.port=9403                                   Prometheus /metrics and /health of `run`; -1 turns it off
 * clickhouse.database=sieve                           default sieve
 * clickhouse.cluster=sieve                            cluster mode: ON CLUSTER, replicated, Distributed
 * clickhouse.timeout-ms=300000                        longest statement
 * clickhouse.max-inserts-in-flight=4                  inserts running at once, all tables and regions; see InsertPool
 * clickhouse.region.&lt;region&gt;.url=https://...:8443    one per region that stores data; required for at least one
 * clickhouse.region.&lt;region&gt;.user=sieve_sink         default default
 * clickhouse.region.&lt;region&gt;.password=${CH_PW}
 * batch.max-rows, batch.max-bytes, batch.max-age-ms   see BatchThresholds
 * retry.max-attempts, retry.initial-backoff-ms, retry.max-backoff-ms   see RetryPolicy
 * scan.interval=1h                                    scheduled scan for identifiers in the stores (ScheduledScan);
 *                                                     a duration (30m, 1h, PT6H), 0 or off turns it off
 * </pre>
 */
public final class SinkConfigLoader {

    public static final String POLICY_FILE = "policy.file";
    public static final String DEFAULT_GROUP_ID = "sieve-sink";
    public static final int DEFAULT_METRICS_PORT = 9403;
    public static final String SCAN_INTERVAL = "scan.interval";
    /** Often enough that a regression shows within the hour, rarely enough that a full scan is a small load. */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofHours(1);
    /** What {@link #SCAN_INTERVAL} is when the scheduled scan is off. */
    public static final Duration SCAN_OFF = Duration.ZERO;
    /** Shorter intervals would scan back to back: one scan reads every stored text value the policy does not keep. */
    static final Duration MIN_SCAN_INTERVAL = Duration.ofSeconds(1);
    private static final String REGION_PREFIX = "clickhouse.region.";
    private static final Pattern REGION_KEY = Pattern.compile(Pattern.quote(REGION_PREFIX)
            + "([a-z][a-z0-9-]*)\\.(url|user|password)");

    private SinkConfigLoader() {}

    /**
     * Reads every sink key but {@link #POLICY_FILE} (read by the caller, who needs the policy's regions first)
     * and finishes {@code reader}.
     *
     * @param regionIds the regions the policy defines: endpoints for other regions are refused
     */
    public static SinkConfig load(ConfigReader reader, Set<String> regionIds) throws ConfigException {
        String bootstrap = reader.required("kafka.bootstrap.servers");
        String group = reader.string("kafka.group-id", DEFAULT_GROUP_ID);
        Map<String, String> client = reader.withPrefix("kafka.client.");
        GroupMembership membership = GroupMembership.read(reader, client, "kafka.client.");
        Map<String, RegionEndpoint> regions = regions(reader, regionIds);
        Optional<SchemaOptions> schema = schema(reader);
        int maxRows = reader.integer("batch.max-rows", BatchThresholds.DEFAULT_MAX_ROWS, 1, Integer.MAX_VALUE);
        long maxBytes = reader.longValue("batch.max-bytes", BatchThresholds.DEFAULT_MAX_BYTES, 1, Long.MAX_VALUE);
        long maxAgeMs = reader.longValue("batch.max-age-ms", BatchThresholds.DEFAULT_MAX_AGE.toMillis(), 1,
                Long.MAX_VALUE);
        RetryPolicy retry = Retrying.DEFAULT_POLICY;
        int attempts = reader.integer("retry.max-attempts", retry.maxAttempts(), 1, Integer.MAX_VALUE);
        long initial = reader.longValue("retry.initial-backoff-ms", retry.initialBackoff().toMillis(), 1,
                Long.MAX_VALUE);
        long max = reader.longValue("retry.max-backoff-ms", retry.maxBackoff().toMillis(), 1, Long.MAX_VALUE);
        if (initial > max) {
            reader.problem("retry.initial-backoff-ms", initial + " exceeds retry.max-backoff-ms " + max);
        }
        long timeoutMs = reader.longValue("clickhouse.timeout-ms", ClientV2Gateway.DEFAULT_TIMEOUT.toMillis(), 1,
                Long.MAX_VALUE);
        int inFlight = reader.integer("clickhouse.max-inserts-in-flight", InsertPool.DEFAULT_MAX_IN_FLIGHT, 1,
                InsertPool.MAX_IN_FLIGHT_LIMIT);
        Optional<Path> keysDir = reader.path("keys.dir", true);
        int metricsPort = reader.integer("metrics.port", DEFAULT_METRICS_PORT, -1, 65_535);
        Duration scanInterval = scanInterval(reader);
        reader.finish();
        return new SinkConfig(bootstrap, group, client, membership, keysDir, metricsPort, schema.orElseThrow(), regions,
                new BatchThresholds(maxRows, maxBytes, Duration.ofMillis(maxAgeMs)),
                RetryPolicy.builder().maxAttempts(attempts).initialBackoff(Duration.ofMillis(initial))
                        .maxBackoff(Duration.ofMillis(max)).build(),
                Duration.ofMillis(timeoutMs), inFlight, scanInterval);
    }

    private static Duration scanInterval(ConfigReader reader) {
        String value = reader.optional(SCAN_INTERVAL).map(String::strip).orElse("");
        if (value.equals("0") || value.equals("off")) {
            return SCAN_OFF;
        }
        Duration interval = reader.duration(SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL);
        if (interval.compareTo(MIN_SCAN_INTERVAL) < 0) {
            reader.problem(SCAN_INTERVAL, "must be at least 1s, or 0 or off to turn the scan off, got '" + value
                    + "'");
        }
        return interval;
    }

    private static Map<String, RegionEndpoint> regions(ConfigReader reader, Set<String> regionIds) {
        Map<String, Map<String, String>> regionProps = new TreeMap<>();
        Set<String> keys = reader.keysUnder(REGION_PREFIX);
        for (String key : keys) {
            Matcher m = REGION_KEY.matcher(key);
            if (m.matches()) {
                reader.optional(key).ifPresent(v -> regionProps.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>())
                        .put(m.group(2), v));
            } else {
                reader.problem(key, "unknown key; regions are configured as " + REGION_PREFIX
                        + "<region>.url, .user and .password");
            }
        }
        Map<String, RegionEndpoint> regions = new LinkedHashMap<>();
        regionProps.forEach((region, p) -> {
            String prefix = REGION_PREFIX + region + ".";
            if (!regionIds.contains(region)) {
                reader.problem(prefix + "url", "region '" + region + "' is not in the policy (regions: "
                        + String.join(", ", new TreeSet<>(regionIds)) + ")");
                return;
            }
            String url = p.get("url");
            if (url == null) {
                reader.problem(prefix + "url", "required when other " + prefix + "* keys are set");
                return;
            }
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                reader.problem(prefix + "url", "expected an http:// or https:// URL, got '" + url + "'");
                return;
            }
            regions.put(region, new RegionEndpoint(url, p.getOrDefault("user", "default"),
                    p.getOrDefault("password", "")));
        });
        if (regionProps.isEmpty()) {
            reader.problem(REGION_PREFIX + "<region>.url", "at least one region needs a ClickHouse endpoint");
        }
        return regions;
    }

    private static Optional<SchemaOptions> schema(ConfigReader reader) {
        String db = reader.string("clickhouse.database", SchemaOptions.DEFAULT_DATABASE);
        Optional<String> cluster = reader.optional("clickhouse.cluster");
        boolean ok = true;
        if (!SchemaOptions.IDENTIFIER.matcher(db).matches()) {
            reader.problem("clickhouse.database", "'" + db + "' is not a plain ClickHouse identifier");
            ok = false;
        }
        if (cluster.isPresent() && !SchemaOptions.IDENTIFIER.matcher(cluster.get()).matches()) {
            reader.problem("clickhouse.cluster", "'" + cluster.get() + "' is not a plain ClickHouse identifier");
            ok = false;
        }
        return ok ? Optional.of(new SchemaOptions(db, cluster)) : Optional.empty();
    }
}
