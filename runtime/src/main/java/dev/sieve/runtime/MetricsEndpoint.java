package dev.sieve.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves a process's metrics for Prometheus at {@code /metrics}, and {@code /health}: 200 with {@code up <state>}
 * while the process says it is healthy, 503 with {@code down <state>} otherwise. The Prometheus registry joins
 * Micrometer's global registry for as long as the endpoint is open, so every meter counted there appears.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /**
     * What {@code /health} reports.
     *
     * @param up    whether the process does its work
     * @param state a word for operators, e.g. {@code RUNNING}; never data
     */
    public record Health(boolean up, String state) {
        public Health {
            Objects.requireNonNull(state, "state");
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;

    /**
     * @param port   port to listen on; 0 picks a free one
     * @param health asked on every {@code /health} request
     */
    public MetricsEndpoint(int port, Supplier<Health> health) throws IOException {
        Objects.requireNonNull(health, "health");
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            answer(exchange, 200, registry.scrape());
        });
        server.createContext("/health", exchange -> {
            Health h = health.get();
            answer(exchange, h.up() ? 200 : 503, (h.up() ? "up " : "down ") + h.state());
        });
        Metrics.addRegistry(registry);
        server.start();
    }

    /** An open endpoint, or none when {@code port} is negative (metrics turned off). */
    public static Optional<MetricsEndpoint> open(int port, Supplier<Health> health) throws IOException {
        return port < 0 ? Optional.empty() : Optional.of(new MetricsEndpoint(port, health));
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The port it listens on (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        Metrics.removeRegistry(registry);
        registry.close();
    }
}
