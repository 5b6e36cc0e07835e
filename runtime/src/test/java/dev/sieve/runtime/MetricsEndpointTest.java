package dev.sieve.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesGlobalMetricsAndTheHealthItIsGiven() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        try (MetricsEndpoint endpoint = new MetricsEndpoint(0,
                () -> new MetricsEndpoint.Health(up.get(), up.get() ? "RUNNING" : "STOPPED"))) {
            Metrics.counter("sieve.test.things").increment();

            assertThat(get(endpoint.port(), "/metrics").body()).contains("sieve_test_things_total 1.0");
            HttpResponse<String> health = get(endpoint.port(), "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("up RUNNING");
            up.set(false);
            health = get(endpoint.port(), "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("down STOPPED");
        }
    }

    @Test
    void aNegativePortTurnsMetricsOff() throws Exception {
        assertThat(MetricsEndpoint.open(-1, () -> new MetricsEndpoint.Health(true, "RUNNING"))).isEmpty();
    }
}
