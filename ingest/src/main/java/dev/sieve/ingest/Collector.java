package dev.sieve.ingest;

import dev.sieve.ingest.adapter.http.CollectorServer;
import dev.sieve.ingest.adapter.http.RightsEndpoints;
import dev.sieve.schemas.topic.CompactedTopicFollower;
import dev.sieve.ingest.adapter.kafka.KafkaEventLog;
import dev.sieve.ingest.auth.RevokedApps;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.deliver.Delivery;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.metrics.IngestMetrics;
import dev.sieve.ingest.port.EventLog;
import dev.sieve.ingest.rights.RightsApi;
import dev.sieve.runtime.ConfigException;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A running collector: the HTTP server, the Kafka producer and what connects them. Start one with
 * {@link #start}; {@link #close()} stops taking requests, finishes those in progress, then flushes and closes
 * the producer, so every acknowledged batch is in Kafka.
 */
public final class Collector implements AutoCloseable {

    /** Beyond the producer's own timeouts, which end a failed write first; only a safety net. */
    private static final Duration DELIVERY_WAIT_MARGIN = Duration.ofSeconds(5);
    /** How long start-up may take to read the control topics (revoked apps, rights requests) to their end. */
    public static final Duration CONTROL_READ_TIMEOUT = Duration.ofSeconds(30);

    private final CollectorServer server;
    private final EventLog log;
    private final Duration shutdownTimeout;
    /** Closed after the server, last first: followers, the rights API's workers and clients. */
    private final Deque<AutoCloseable> resources;

    private Collector(CollectorServer server, EventLog log, Duration shutdownTimeout, Deque<AutoCloseable> resources) {
        this.server = server;
        this.log = log;
        this.shutdownTimeout = shutdownTimeout;
        this.resources = resources;
    }

    /**
     * Loads the policy (the configured file, else the one in {@code sieve-schemas}), reads the revoked apps, starts
     * the rights API when configured, connects the producer and starts listening.
     *
     * @throws ConfigException when the rights API's sink configuration is unusable, listing every problem
     * @throws StartException  when a control topic cannot be read (missing, or Kafka unreachable) or the keys the
     *                         rights API needs are unusable
     */
    public static Collector start(CollectorConfig config) throws PolicyException, IOException, ConfigException,
            StartException {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(CollectorConfig)}, on the given clock (tests move it to make rights requests overdue). */
    public static Collector start(CollectorConfig config, Clock clock) throws PolicyException, IOException,
            ConfigException, StartException {
        Optional<Path> file = config.policy();
        Policy policy = PolicyLoader.load(file);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EventIntake intake = new EventIntake(policy, config.limits());
        Topics topics = new Topics(policy);
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        EventLog log = new KafkaEventLog(config.kafka(), config.limits(), topics);
        try {
            RevokedApps revoked = new RevokedApps();
            resources.push(CompactedTopicFollower.start(config.kafka().followerClient(topics.appRevocations()),
                    topics.appRevocations(), revoked::apply, CONTROL_READ_TIMEOUT));
            Optional<RightsEndpoints> rights = config.rights().isEmpty() ? Optional.empty() : Optional.of(
                    RightsApi.start(config, config.rights().get(), policy, topics, revoked, registry, resources,
                            clock));
            Duration maxWait = config.kafka().deliveryTimeout().plus(config.kafka().maxBlock())
                    .plus(DELIVERY_WAIT_MARGIN);
            Delivery delivery = new Delivery(log, new IngestMetrics(registry), maxWait);
            CollectorServer server = new CollectorServer(config, intake, delivery, log, registry, clock,
                    revoked::isRevoked, rights);
            return new Collector(server, log, config.http().shutdownTimeout(), resources);
        } catch (TimeoutException e) {
            closeAll(resources);
            log.close(Duration.ZERO);
            throw new StartException(e.getMessage());
        } catch (RuntimeException | ConfigException | PolicyException | IOException | StartException e) {
            closeAll(resources);
            log.close(Duration.ZERO);
            throw e;
        }
    }

    /** Start-up failed for a reason the operator must fix (a missing topic, unusable keys); the message says which. */
    public static final class StartException extends Exception {
        public StartException(String message) {
            super(message);
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // closing on the way out: the next one must close too
            }
        }
    }

    /** The port the collector listens on. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            closeAll(resources);
            log.close(shutdownTimeout);
        }
    }
}
