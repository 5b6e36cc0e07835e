package dev.sieve.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How a stage's consumers belong to their Kafka consumer group, the same keys for every stage that consumes
 * (enrich, anonymize, sink):
 *
 * <pre>
 * kafka.instance-id=enrich-1          static membership: a restarted instance takes its partitions back at once
 * kafka.session-timeout-ms=10000      how long a silent member keeps its partitions (default 10 s)
 * </pre>
 *
 * <p>Why: without an instance id a restarted process joins as a new member, and the group waits for the killed
 * one's session to expire before anything is reassigned (Kafka's default, 45 s, was seen as about 40 s in
 * REBALANCING). With one, the restarted process takes the dead member's place at once; the shorter session
 * bounds how long the partitions of an instance that does not come back wait for a survivor. A stage stopped on
 * purpose leaves its group on the way out, so nothing waits then. The instance id must be unique among the
 * running instances of one stage.
 *
 * @param instanceId     the static member id, if any
 * @param sessionTimeout how long the group waits for a member that stopped heartbeating
 */
public record GroupMembership(Optional<String> instanceId, Duration sessionTimeout) {

    public static final String INSTANCE_ID = "kafka.instance-id";
    public static final String SESSION_TIMEOUT_MS = "kafka.session-timeout-ms";
    /** Kafka's own is 45 s; the brokers' lower bound ({@code group.min.session.timeout.ms}) is 6 s by default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final GroupMembership DEFAULTS = new GroupMembership(Optional.empty(), DEFAULT_SESSION_TIMEOUT);

    /** Kafka client settings this owns; a pass-through may not set them behind its back. */
    public static final String KAFKA_GROUP_INSTANCE_ID = "group.instance.id";
    public static final String KAFKA_SESSION_TIMEOUT_MS = "session.timeout.ms";
    public static final String KAFKA_HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    /** Kafka's default heartbeat; it must stay well below the session timeout. */
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3);
    /**
     * Kafka allows 249 characters of these; Kafka Streams appends {@code -<thread>}, hence a little less. A
     * Kubernetes pod name fits.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,240}");

    public GroupMembership {
        if (instanceId.isPresent() && !ID.matcher(instanceId.get()).matches()) {
            throw new IllegalArgumentException("instanceId: letters, digits, '.', '_' and '-' only, 1 to 240");
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("sessionTimeout: must be positive");
        }
    }

    /**
     * Reads both keys; problems are collected in {@code reader}.
     *
     * @param passThrough the stage's pass-through Kafka settings and the prefix they were given under, so that
     *                    setting one of the settings owned here there is reported with the key to use instead
     */
    public static GroupMembership read(ConfigReader reader, Map<String, String> passThrough, String prefix) {
        Optional<String> id = reader.optional(INSTANCE_ID);
        if (id.isPresent() && !ID.matcher(id.get()).matches()) {
            reader.problem(INSTANCE_ID, "letters, digits, '.', '_' and '-' only, at most 240");
            id = Optional.empty();
        }
        long sessionMs = reader.longValue(SESSION_TIMEOUT_MS, DEFAULT_SESSION_TIMEOUT.toMillis(), 1_000,
                Integer.MAX_VALUE);
        for (String key : new TreeSet<>(passThrough.keySet())) {
            if (key.endsWith(KAFKA_GROUP_INSTANCE_ID)) {
                reader.problem(prefix + key, "set " + INSTANCE_ID + " instead");
            } else if (key.endsWith(KAFKA_SESSION_TIMEOUT_MS)) {
                reader.problem(prefix + key, "set " + SESSION_TIMEOUT_MS + " instead");
            }
        }
        return new GroupMembership(id, Duration.ofMillis(sessionMs));
    }

    /**
     * The group consumer's settings: the instance id (each Kafka Streams thread appends its own suffix), the
     * session timeout and a heartbeat a third of it at most.
     */
    public Map<String, String> consumerSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        instanceId.ifPresent(id -> p.put(KAFKA_GROUP_INSTANCE_ID, id));
        p.put(KAFKA_SESSION_TIMEOUT_MS, Long.toString(sessionTimeout.toMillis()));
        p.put(KAFKA_HEARTBEAT_INTERVAL_MS,
                Long.toString(Math.min(DEFAULT_HEARTBEAT.toMillis(), sessionTimeout.toMillis() / 3)));
        return p;
    }
}
