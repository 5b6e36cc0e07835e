package dev.sieve.streams;

import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.runtime.MetricsEndpoint;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.pseudonym.KeyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one topology until asked to stop: starts it, reports state changes, and closes it cleanly on
 * {@link #close()} or JVM shutdown. An exception that escapes the topology (expected failures are
 * dead-lettered inside it) stops the client rather than skipping records: with exactly-once nothing is
 * committed past the failure, so a restart resumes exactly there.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<AutoCloseable> companions = new CopyOnWriteArrayList<>();

    public StreamsApp(String name, Topology topology, Properties properties) {
        this.name = name;
        this.streams = new KafkaStreams(topology, properties);
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(Metrics.globalRegistry);
        streams.setStateListener((now, before) -> {
            LOG.info("{}: {} -> {}", name, before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            // The exception type only: messages of deserialization or processing errors can quote data.
            LOG.error("{}: stopping after an unexpected {}", name, e.getClass().getName());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /**
     * Something that lives as long as the topology, such as a stage's background task: closed after the
     * topology on {@link #close()}.
     */
    public StreamsApp closing(AutoCloseable companion) {
        companions.add(Objects.requireNonNull(companion, "companion"));
        return this;
    }

    public StreamsApp start() {
        streams.start();
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Up while the client is running or rebalancing; the state named either way. */
    public MetricsEndpoint.Health health() {
        KafkaStreams.State now = streams.state();
        return new MetricsEndpoint.Health(now.isRunningOrRebalancing(), now.name());
    }

    /** Waits until the topology is processing; false if it did not get there in time. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || stopped.getCount() == 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Blocks until the app stops, by {@link #close()}, a shutdown signal or a fatal error. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** How a stage's main starts its app from the configuration it read: the app, and where it serves metrics. */
    @FunctionalInterface
    public interface Launch {
        Launched start(ConfigReader config, Map<String, String> env) throws Exception;
    }

    /** A started stage's app and its metrics port (see {@link #runUntilShutdown}). */
    public record Launched(StreamsApp app, int metricsPort) {}

    /**
     * A Streams stage's {@code main}: reads the configuration file its first argument names (else the environment
     * alone), starts the app through {@code launch} and runs it until shutdown. What an operator must fix (the
     * configuration, the policy, the keys, Kafka client settings) prints its message (the file, then each
     * problem; keys and files, never a secret's value) and exits 2, never a stack trace ({@code StageMainIT}).
     */
    public static void main(String[] args, Launch launch) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        Map<String, String> env = System.getenv();
        try {
            Launched launched = launch.start(ConfigReader.load(file, env), env);
            runUntilShutdown(launched.app(), launched.metricsPort());
        } catch (ConfigException | PolicyException | KeyException | KafkaException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Runs {@code app} in the foreground until the JVM is told to stop (Ctrl-C, SIGTERM), serving its metrics
     * and health on {@code metricsPort} (0 picks a free port; negative serves nothing).
     */
    public static void runUntilShutdown(StreamsApp app, int metricsPort) throws InterruptedException, IOException {
        Optional<MetricsEndpoint> endpoint = MetricsEndpoint.open(metricsPort, app::health);
        endpoint.ifPresent(e -> LOG.info("{}: metrics on http://0.0.0.0:{}/metrics, health on /health", app.name,
                e.port()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            endpoint.ifPresent(MetricsEndpoint::close);
        }, app.name + "-shutdown"));
        app.start();
        app.awaitStop();
    }

    @Override
    public void close() {
        // Stopping on purpose leaves the group, so a static member's partitions move at once rather than after its
        // session timeout; a crashed process never gets here and rejoins under its kafka.instance-id instead.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        streamsMetrics.close();
        for (AutoCloseable c : companions) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("{}: closing {} failed: {}", name, c.getClass().getSimpleName(), e.getClass().getName());
            }
        }
        stopped.countDown();
    }
}
