package dev.sieve.ingest.adapter.http;

import dev.sieve.ingest.auth.ApiKeys;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.TlsConfig;
import dev.sieve.ingest.decode.BodyReader;
import dev.sieve.ingest.deliver.Delivery;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.ingest.metrics.IngestMetrics;
import dev.sieve.ingest.port.EventLog;
import dev.sieve.ingest.throttle.TokenBucket;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP server (Javalin on Jetty), over TLS when configured.
 *
 * <pre>
 * POST /v1/events     JSON event batches                    {@link EventsEndpoint}
 * POST /v1/logs       OTLP/HTTP logs, protobuf or JSON      {@link LogsEndpoint}
 * GET  /health/live   200 while the process runs
 * GET  /health/ready  200 while Kafka answers, 503 otherwise (and while shutting down)
 * GET  /metrics       Prometheus text format
 * /v1/rights/...      the subject-rights API, when configured  {@link RightsEndpoints}
 * </pre>
 */
public final class CollectorServer implements AutoCloseable {

    /** How long the readiness probe waits for Kafka. */
    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(2);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(CollectorServer.class);

    private final Javalin app;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * Starts listening.
     *
     * @param intake    judges what the endpoints read
     * @param delivery  writes judged batches
     * @param log       asked whether Kafka is reachable, for readiness
     * @param revoked   whether an app's keys are revoked (sunset)
     * @param rights    the rights API, when configured
     */
    public CollectorServer(CollectorConfig config, EventIntake intake, Delivery delivery, EventLog log,
            PrometheusMeterRegistry registry, Clock clock, Predicate<String> revoked,
            Optional<RightsEndpoints> rights) {
        ApiKeys apiKeys = new ApiKeys(config.apiKeys(), revoked);
        BodyReader bodyReader = new BodyReader(config.limits().maxBodyBytes());
        IngestMetrics metrics = new IngestMetrics(registry);
        Answers answers = new Answers();
        Duration retryAfter = config.http().retryAfter();
        Map<String, TokenBucket> allowances = new HashMap<>();
        config.apiKeys().keySet().forEach(app -> allowances.put(app,
                new TokenBucket(config.rateLimits().of(app), System::nanoTime)));
        IngestEndpoint.Parts parts = new IngestEndpoint.Parts(apiKeys, bodyReader, intake, delivery, metrics, answers,
                retryAfter, clock, allowances);
        EventsEndpoint events = new EventsEndpoint(parts);
        LogsEndpoint logs = new LogsEndpoint(parts);

        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.http().host();
            c.jetty.port = config.http().port();
            c.jetty.modifyServer(server -> server.setStopTimeout(config.http().shutdownTimeout().toMillis()));
            config.tls().ifPresent(tls -> c.jetty.addConnector((server, http) -> tlsConnector(server, http, tls,
                    config.http().host(), config.http().port())));
            c.routes.post("/v1/events", events);
            c.routes.post("/v1/logs", logs);
            c.routes.get("/health/live", ctx -> answers.health(ctx, 200, "live"));
            c.routes.get("/health/ready", ctx -> ready(ctx, log, answers));
            c.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
            rights.ifPresent(r -> {
                List<Handler> handlers = r.handlers();
                for (int i = 0; i < RightsEndpoints.ROUTES.size(); i++) {
                    RightsEndpoints.Route route = RightsEndpoints.ROUTES.get(i);
                    c.routes.addHttpHandler(route.method(), route.path(), handlers.get(i));
                }
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                // Where it failed, not what it said: a library's message can quote the request body.
                LOG.error("unexpected error answering {} {}", ctx.method(), ctx.path(), withoutMessage(e));
                answers.error(ctx, 500, "internal", "unexpected error; nothing of the request is acknowledged");
            });
        }).start();
    }

    /** The exception's type and stack, its message (and its causes' messages) left out. */
    static Throwable withoutMessage(Throwable e) {
        Throwable cause = e.getCause() == null ? null : withoutMessage(e.getCause());
        Throwable copy = new Throwable(e.getClass().getName(), cause);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        return app.port();
    }

    /**
     * Answers readiness with 503 from now on, stops accepting requests and waits, up to
     * {@code http.shutdown-timeout-ms}, for those in progress.
     */
    @Override
    public void close() {
        stopping.set(true);
        app.stop();
    }

    private void ready(Context ctx, EventLog log, Answers answers) {
        if (stopping.get()) {
            answers.health(ctx, 503, "stopping");
        } else if (log.reachable(READINESS_TIMEOUT)) {
            answers.health(ctx, 200, "ready");
        } else {
            answers.health(ctx, 503, "kafka unreachable");
        }
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration http,
            TlsConfig tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keyStore().toString());
        ssl.setKeyStorePassword(tls.keyStorePassword());
        ssl.setKeyStoreType(tls.keyStoreType());
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
