package dev.sieve.sink;

import dev.sieve.runtime.ConfigException;
import dev.sieve.runtime.MetricsEndpoint;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.metrics.SinkMetrics;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.KafkaException;

/**
 * The sink process. The configuration file comes from {@code --config FILE} or {@code SIEVE_SINK_CONFIG};
 * {@code run} serves Prometheus metrics and health on {@code metrics.port}.
 *
 * <pre>
 * sieve-sink run [--config FILE]       run until SIGTERM (flushes, then exits 0)
 * </pre>
 * Exit codes: 0 done, 1 failed while running, 2 bad usage or configuration, or could not start (a control topic
 * missing, Kafka or a region's ClickHouse unreachable): one line says why, never quoting a secret or an identifier.
 *
 * <p>Operator commands on the sink's tables (DDL, grants, retention, legal holds, erasure, export) are the
 * {@code sieve} command line's ({@code dev.sieve.cli}), which loads the same configuration through
 * {@link SinkContext}; the process that streams data does nothing else.
 */
public final class SinkMain {

    public static final String CONFIG_ENV = SinkContext.CONFIG_ENV;
    private static final String USAGE = "usage: sieve-sink run [--config FILE]"
            + " (operator commands: the sieve command line, ./sieve --help)";

    private SinkMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        if (args.length == 0 || !args[0].equals("run")) {
            err.println(args.length == 0 ? USAGE : "unknown command '" + args[0] + "'; " + USAGE);
            return 2;
        }
        Optional<String> configFile = Optional.empty();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].equals("--config") || i + 1 == args.length) {
                err.println("expected --config FILE, got '" + args[i] + "'");
                return 2;
            }
            configFile = Optional.of(args[i + 1]);
        }
        SinkContext setup;
        try {
            setup = SinkContext.load(configFile, env);
        } catch (ConfigException | PolicyException | IOException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            return runSink(setup, err);
        } catch (IllegalArgumentException | KeyException | Sink.StartException e) {
            err.println(e.getMessage());
            return 2;
        } catch (KafkaException e) {
            // Kafka's own message may quote a client setting's value (a SASL secret among them): name the kind only.
            err.println("the sink cannot create its Kafka clients (check kafka.bootstrap.servers and kafka.client.*): "
                    + rootCause(e).getClass().getSimpleName());
            return 2;
        } catch (IOException e) {
            err.println("cannot serve metrics: " + e.getMessage());
            return 1;
        }
    }

    private static int runSink(SinkContext s, PrintStream err) throws KeyException, IOException {
        Sink sink = Sink.builder().catalog(s.catalog()).stores(s.stores())
                .keys(s.reloadingKeys())
                .kafka(s.config().bootstrapServers(), s.config().groupId(), s.config().kafkaClient())
                .membership(s.config().membership())
                .thresholds(s.config().thresholds()).retry(s.config().retry())
                .maxInsertsInFlight(s.config().maxInsertsInFlight())
                .scanInterval(s.config().scanInterval())
                .metrics(new SinkMetrics(Metrics.globalRegistry)).start();
        Optional<MetricsEndpoint> endpoint;
        try {
            endpoint = MetricsEndpoint.open(s.config().metricsPort(), () -> health(sink));
        } catch (IOException e) {
            sink.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            endpoint.ifPresent(MetricsEndpoint::close);
        }, "sieve-sink-shutdown"));
        try {
            CompletableFuture.anyOf(sink.writerDone(), sink.controlDone()).join();
            return 0;
        } catch (RuntimeException e) {
            err.println("sink stopped: " + e.getMessage());
            sink.close();
            return 1;
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Up while both the writer and the control loop run. */
    private static MetricsEndpoint.Health health(Sink sink) {
        boolean up = !sink.writerDone().isDone() && !sink.controlDone().isDone();
        return new MetricsEndpoint.Health(up, up ? "RUNNING" : "STOPPED");
    }
}
