package dev.sieve.ingest.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The collector's HTTP side.
 *
 * @param host            interface to listen on
 * @param port            port to listen on; 0 picks a free one
 * @param retryAfter      what a 503 answer's {@code Retry-After} asks clients to wait
 * @param shutdownTimeout how long a shutdown waits for requests in progress
 */
public record HttpConfig(String host, int port, Duration retryAfter, Duration shutdownTimeout) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }
}
