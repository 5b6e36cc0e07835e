package dev.sieve.sink.config;

import dev.sieve.sink.adapter.ClientV2Gateway;
import dev.sieve.sink.ddl.SchemaOptions;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.sink.write.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Reads the sink's configuration from a properties file and reports every bad key at once. A value of the form
 * {@code ${env:NAME}} is read from the environment variable {@code NAME}, so secrets stay out of the file.
 *
 * <pre>
 * kafka.bootstrap.servers=kafka:9092                  required
 * kafka.group.id=sieve-sink                           default sieve-sink
 * kafka.client.&lt;any client setting&gt;=...              passed to every Kafka client (TLS, SASL)
 * policy.file=/etc/sieve/sieve-policy.yaml            default: the policy shipped with Sieve (read first by
 *                                                     SinkMain: the regions it defines are checked here)
 * keys.dir=/etc/sieve/keys                            pseudonymization keys (also SIEVE_KEY__* variables)
 * clickhouse.database=sieve                           default sieve
 * clickhouse.cluster=sieve                            cluster mode: ON CLUSTER, replicated, Distributed
 * clickhouse.timeout.ms=300000                        longest statement
 * clickhouse.region.&lt;region&gt;.url=https://...:8443    one per region that stores data; required for at least one
 * clickhouse.region.&lt;region&gt;.user=sieve_sink         default default
 * clickhouse.region.&lt;region&gt;.password=${env:CH_PW}
 * batch.max.rows, batch.max.bytes, batch.max.age.ms   see BatchThresholds
 * retry.max.attempts, retry.initial.backoff.ms, retry.max.backoff.ms   see RetryPolicy
 * </pre>
 */
public final class SinkConfigLoader {

    private static final Set<String> KEYS = Set.of("kafka.bootstrap.servers", "kafka.group.id", "policy.file",
            "keys.dir", "clickhouse.database", "clickhouse.cluster", "clickhouse.timeout.ms", "batch.max.rows",
            "batch.max.bytes", "batch.max.age.ms", "retry.max.attempts", "retry.initial.backoff.ms",
            "retry.max.backoff.ms");
    private static final String KAFKA_CLIENT = "kafka.client.";
    private static final Pattern REGION_KEY = Pattern.compile("clickhouse\\.region\\.([a-z][a-z0-9-]*)\\.(url|user|password)");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    public static final String DEFAULT_GROUP_ID = "sieve-sink";

    private SinkConfigLoader() {}

    /**
     * @param props       the file's properties
     * @param env         environment variables
     * @param regionIds   the regions the policy defines: endpoints for other regions are refused
     */
    public static SinkConfig load(Properties props, Map<String, String> env, Set<String> regionIds)
            throws ConfigException {
        Reading r = new Reading(props, env);
        String bootstrap = r.required("kafka.bootstrap.servers");
        String group = r.string("kafka.group.id").orElse(DEFAULT_GROUP_ID);
        Map<String, String> client = new TreeMap<>();
        Map<String, Map<String, String>> regionProps = new TreeMap<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            Matcher m = REGION_KEY.matcher(key);
            if (key.startsWith(KAFKA_CLIENT) && key.length() > KAFKA_CLIENT.length()) {
                r.string(key).ifPresent(v -> client.put(key.substring(KAFKA_CLIENT.length()), v));
            } else if (m.matches()) {
                r.string(key).ifPresent(v -> regionProps.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>())
                        .put(m.group(2), v));
            } else if (!KEYS.contains(key)) {
                r.problems.add(key + ": unknown key");
            }
        }
        Map<String, RegionEndpoint> regions = new LinkedHashMap<>();
        regionProps.forEach((region, p) -> {
            String prefix = "clickhouse.region." + region + ".";
            if (!regionIds.contains(region)) {
                r.problems.add(prefix + "url: region '" + region + "' is not in the policy (regions: "
                        + String.join(", ", new TreeSet<>(regionIds)) + ")");
                return;
            }
            String url = p.get("url");
            if (url == null) {
                r.problems.add(prefix + "url: required when other " + prefix + "* keys are set");
                return;
            }
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                r.problems.add(prefix + "url: expected an http:// or https:// URL, got '" + url + "'");
                return;
            }
            regions.put(region, new RegionEndpoint(url, p.getOrDefault("user", "default"),
                    p.getOrDefault("password", "")));
        });
        if (regionProps.isEmpty()) {
            r.problems.add("clickhouse.region.<region>.url: at least one region needs a ClickHouse endpoint");
        }
        Optional<SchemaOptions> schema = r.schema();
        int maxRows = r.integer("batch.max.rows", BatchThresholds.DEFAULT_MAX_ROWS, 1);
        long maxBytes = r.longValue("batch.max.bytes", BatchThresholds.DEFAULT_MAX_BYTES, 1);
        long maxAgeMs = r.longValue("batch.max.age.ms", BatchThresholds.DEFAULT_MAX_AGE.toMillis(), 1);
        int attempts = r.integer("retry.max.attempts", RetryPolicy.DEFAULT_MAX_ATTEMPTS, 1);
        long initial = r.longValue("retry.initial.backoff.ms", RetryPolicy.DEFAULT_INITIAL_BACKOFF.toMillis(), 0);
        long max = r.longValue("retry.max.backoff.ms", RetryPolicy.DEFAULT_MAX_BACKOFF.toMillis(), 0);
        if (initial > max) {
            r.problems.add("retry.initial.backoff.ms: " + initial + " exceeds retry.max.backoff.ms " + max);
        }
        long timeoutMs = r.longValue("clickhouse.timeout.ms", ClientV2Gateway.DEFAULT_TIMEOUT.toMillis(), 1);
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems);
        }
        return new SinkConfig(bootstrap, group, client, r.string("keys.dir").map(Path::of), schema.orElseThrow(), regions,
                new BatchThresholds(maxRows, maxBytes, Duration.ofMillis(maxAgeMs)),
                new RetryPolicy(attempts, Duration.ofMillis(initial), Duration.ofMillis(max)),
                Duration.ofMillis(timeoutMs));
    }

    /** One pass over the properties; collects problems instead of stopping at the first. */
    private static final class Reading {
        private final Properties props;
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reading(Properties props, Map<String, String> env) {
            this.props = props;
            this.env = env;
        }

        Optional<String> string(String key) {
            String raw = props.getProperty(key);
            if (raw == null || raw.isBlank()) {
                return Optional.empty();
            }
            Matcher m = ENV.matcher(raw.strip());
            StringBuilder out = new StringBuilder();
            boolean ok = true;
            while (m.find()) {
                String value = env.get(m.group(1));
                if (value == null) {
                    problems.add(key + ": environment variable " + m.group(1) + " is not set");
                    ok = false;
                    value = "";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return ok ? Optional.of(out.toString()) : Optional.empty();
        }

        String required(String key) {
            Optional<String> v = string(key);
            if (v.isEmpty() && props.getProperty(key) == null) {
                problems.add(key + ": required");
            }
            return v.orElse("");
        }

        int integer(String key, int dflt, int min) {
            long v = longValue(key, dflt, min);
            if (v > Integer.MAX_VALUE) {
                problems.add(key + ": at most " + Integer.MAX_VALUE + ", got " + v);
                return dflt;
            }
            return (int) v;
        }

        long longValue(String key, long dflt, long min) {
            Optional<String> v = string(key);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                long n = Long.parseLong(v.get());
                if (n < min) {
                    problems.add(key + ": at least " + min + ", got " + n);
                    return dflt;
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(key + ": expected a whole number, got '" + v.get() + "'");
                return dflt;
            }
        }

        Optional<SchemaOptions> schema() {
            String db = string("clickhouse.database").orElse(SchemaOptions.DEFAULT_DATABASE);
            Optional<String> cluster = string("clickhouse.cluster");
            boolean ok = true;
            if (!SchemaOptions.IDENTIFIER.matcher(db).matches()) {
                problems.add("clickhouse.database: '" + db + "' is not a plain ClickHouse identifier");
                ok = false;
            }
            if (cluster.isPresent() && !SchemaOptions.IDENTIFIER.matcher(cluster.get()).matches()) {
                problems.add("clickhouse.cluster: '" + cluster.get() + "' is not a plain ClickHouse identifier");
                ok = false;
            }
            return ok ? Optional.of(new SchemaOptions(db, cluster)) : Optional.empty();
        }
    }
}
