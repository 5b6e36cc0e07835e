package dev.sieve.ingest;

import dev.sieve.ingest.adapter.http.CollectorServer;
import dev.sieve.ingest.adapter.kafka.KafkaEventLog;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.deliver.Delivery;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.metrics.IngestMetrics;
import dev.sieve.ingest.port.EventLog;
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
import java.util.Optional;

/**
 * A running collector: the HTTP server, the Kafka producer and what connects them. Start one with
 * {@link #start}; {@link #close()} stops taking requests, finishes those in progress, then flushes and closes
 * the producer, so every acknowledged batch is in Kafka.
 */
public final class Collector implements AutoCloseable {

    /** Beyond the producer's own timeouts, which end a failed write first; only a safety net. */
    private static final Duration DELIVERY_WAIT_MARGIN = Duration.ofSeconds(5);

    private final CollectorServer server;
    private final EventLog log;
    private final Duration shutdownTimeout;

    private Collector(CollectorServer server, EventLog log, Duration shutdownTimeout) {
        this.server = server;
        this.log = log;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Loads the policy (the configured file, else the one in {@code sieve-schemas}), connects the producer and
     * starts listening.
     */
    public static Collector start(CollectorConfig config) throws PolicyException, IOException {
        Optional<Path> file = config.policy();
        Policy policy = PolicyLoader.load(file);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EventIntake intake = new EventIntake(policy, config.limits());
        EventLog log = new KafkaEventLog(config.kafka(), config.limits(), new Topics(policy));
        try {
            Duration maxWait = config.kafka().deliveryTimeout().plus(config.kafka().maxBlock())
                    .plus(DELIVERY_WAIT_MARGIN);
            Delivery delivery = new Delivery(log, new IngestMetrics(registry), maxWait);
            CollectorServer server = new CollectorServer(config, intake, delivery, log, registry,
                    Clock.systemUTC());
            return new Collector(server, log, config.http().shutdownTimeout());
        } catch (RuntimeException e) {
            log.close(Duration.ZERO);
            throw e;
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
            log.close(shutdownTimeout);
        }
    }
}
