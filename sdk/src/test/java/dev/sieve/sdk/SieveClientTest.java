package dev.sieve.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a real HTTP server that answers as scripted (see {@link StubCollector}). */
@Timeout(30)
class SieveClientTest {

    private static final RetryPolicy QUICK_RETRIES = RetryPolicy.builder()
            .maxAttempts(5)
            .initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20))
            .build();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private StubCollector stub() throws Exception {
        StubCollector stub = new StubCollector();
        toClose.add(stub);
        return stub;
    }

    private SieveClient.Builder client(URI endpoint) {
        return SieveClient.builder()
                .endpoint(endpoint)
                .apiKey("test-key-0123456789")
                .appId("notes")
                .appVersion("4.2.1")
                .region("cn-north")
                .retryPolicy(QUICK_RETRIES)
                .linger(Duration.ofMillis(10));
    }

    private SieveClient start(SieveClient.Builder builder) {
        SieveClient c = builder.build();
        toClose.add(0, c);
        return c;
    }

    private static SieveEvent event(int i) {
        return Events.ip().eventId("e-" + i).eventTime(Instant.parse("2026-11-29T08:15:30Z")).ipAddress("192.0.2.1")
                .build();
    }

    @Test
    void sendsGzippedBatchesOfAtMostTheBatchSizeWithTheApiKey() throws Exception {
        StubCollector stub = stub();
        SieveClient client = start(client(stub.endpoint()).batchSize(100));
        for (int i = 0; i < 250; i++) {
            assertThat(client.send(event(i))).isTrue();
        }
        assertThat(client.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(stub.received()).allSatisfy(r -> {
            assertThat(r.eventIds()).hasSizeLessThanOrEqualTo(100);
            assertThat(r.header("Content-encoding")).isEqualTo("gzip");
            assertThat(r.header("Content-type")).isEqualTo("application/json");
            assertThat(r.header("Authorization")).isEqualTo("Bearer test-key-0123456789");
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            expected.add("e-" + i);
        }
        assertThat(stub.receivedEventIds()).isEqualTo(expected);
        assertThat(client.stats()).isEqualTo(new ClientStats(250, 0, 0, 0, 0));
    }

    @Test
    void retriesWhenTheCollectorIsUnavailableAndThenDeliversOnce() throws Exception {
        StubCollector stub = stub()
                .then(new StubCollector.Answer(503, Map.of("Retry-After", "0"), "{\"error\":\"unavailable\"}"))
                .then(new StubCollector.Answer(429, Map.of(), ""))
                .then(new StubCollector.Answer(502, Map.of(), "bad gateway"));
        // A long linger: the three events go as one batch (flush() cuts the linger short).
        SieveClient client = start(client(stub.endpoint()).batchSize(10).linger(Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            client.send(event(i));
        }
        assertThat(client.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(stub.received()).hasSize(4);
        assertThat(stub.received()).allSatisfy(r -> assertThat(r.eventIds()).containsExactly("e-0", "e-1", "e-2"));
        assertThat(client.stats()).isEqualTo(new ClientStats(3, 0, 0, 3, 0));
    }

    @Test
    void aBatchOverTheAppsRateWaitsTheCollectorsRetryAfterAndIsDeliveredNotDropped() throws Exception {
        StubCollector stub = stub()
                .then(new StubCollector.Answer(429, Map.of("Retry-After", "1"), "{\"error\":\"rate_limited\"}"));
        // Backoff of a few milliseconds: only the collector's Retry-After can make the client wait a second.
        SieveClient client = start(client(stub.endpoint()).batchSize(10).linger(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).build()));
        long start = System.nanoTime();
        client.send(event(0));
        client.send(event(1));
        assertThat(client.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(stub.received()).hasSize(2);
        assertThat(stub.received()).allSatisfy(r -> assertThat(r.eventIds()).containsExactly("e-0", "e-1"));
        assertThat(client.stats()).isEqualTo(new ClientStats(2, 0, 0, 1, 0));
    }

    @Test
    void countsEventsTheCollectorRejectsAndDoesNotRetryThem() throws Exception {
        StubCollector stub = stub()
                .then(new StubCollector.Answer(200, Map.of(), "{\"accepted\":1,\"rejected\":1,\"results\":["
                        + "{\"index\":0,\"status\":\"accepted\"},{\"index\":1,\"status\":\"rejected\","
                        + "\"reason\":\"unknown_region\",\"path\":\"event.envelope.region\",\"message\":\"m\"}]}"))
                .then(new StubCollector.Answer(401, Map.of(), "{\"error\":\"unauthorized\",\"message\":\"no\"}"));
        SieveClient client = start(client(stub.endpoint()).batchSize(2).linger(Duration.ofSeconds(5)));
        client.send(event(0));
        client.send(event(1));
        assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
        client.send(event(2));
        assertThat(client.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(stub.received()).hasSize(2);
        assertThat(client.stats()).isEqualTo(new ClientStats(1, 2, 0, 0, 0));
    }

    @Test
    void givesUpOnABatchAfterMaxAttemptsAndCountsItDropped() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SieveClient client = start(client(URI.create("http://127.0.0.1:" + closedPort)));
        assertThat(client.send(event(0))).isTrue();
        assertThat(client.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(client.stats()).isEqualTo(new ClientStats(0, 0, 1, 4, 0));
    }

    @Test
    void whenTheQueueIsFullTheNewestEventIsDroppedAndOlderOnesKeepTheirPlace() throws Exception {
        StubCollector stub = stub().then(new StubCollector.Answer(503, Map.of("Retry-After", "1"), ""));
        SieveClient client = start(client(stub.endpoint()).batchSize(2).queueCapacity(2)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).build()));
        client.send(event(0));
        client.send(event(1));
        // The sender holds e-0 and e-1 while the collector asks it to wait a second; two more fill the queue.
        while (stub.received().isEmpty()) {
            Thread.sleep(5);
        }
        assertThat(client.send(event(2))).isTrue();
        assertThat(client.send(event(3))).isTrue();
        assertThat(client.send(event(4))).isFalse();
        assertThat(client.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(stub.receivedEventIds()).containsExactly("e-0", "e-1", "e-0", "e-1", "e-2", "e-3");
        assertThat(client.stats()).isEqualTo(new ClientStats(4, 0, 1, 1, 0));
    }

    @Test
    void closeGivesUpWithinItsTimeoutWhenTheCollectorDoesNotAnswer() throws Exception {
        StubCollector stub = stub().then(StubCollector.HANG);
        SieveClient client = client(stub.endpoint()).closeTimeout(Duration.ofMillis(200)).build();
        client.send(event(0));
        client.send(event(1));
        while (stub.received().isEmpty()) {
            Thread.sleep(5);
        }
        client.close();

        assertThat(client.stats()).isEqualTo(new ClientStats(0, 0, 2, 0, 0));
        assertThat(client.send(event(2))).isFalse();
        assertThat(client.stats().dropped()).isEqualTo(3);
    }

    @Test
    void closeSendsWhatIsQueued() throws Exception {
        StubCollector stub = stub();
        SieveClient client = client(stub.endpoint()).linger(Duration.ofMinutes(1)).batchSize(1000).build();
        for (int i = 0; i < 5; i++) {
            client.send(event(i));
        }
        client.close();

        assertThat(stub.receivedEventIds()).containsExactly("e-0", "e-1", "e-2", "e-3", "e-4");
        assertThat(client.stats()).isEqualTo(new ClientStats(5, 0, 0, 0, 0));
    }

    @Test
    void theBuilderNamesEveryMissingSettingAndBadCombination() {
        assertThatThrownBy(() -> SieveClient.builder().apiKey("k").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SieveClient needs endpoint, appId, appVersion, region");
        assertThatThrownBy(() -> client(URI.create("http://localhost")).batchSize(50).queueCapacity(10).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("queueCapacity (10) must be at least batchSize (50)");
        assertThatThrownBy(() -> SieveClient.builder().endpoint(URI.create("ftp://localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint must be an http or https URL, got scheme ftp");
        assertThatThrownBy(() -> SieveClient.builder().linger(Duration.ofMillis(-1)))
                .hasMessage("linger must not be negative, got PT-0.001S");
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(1)).build())
                .hasMessage("maxBackoff (PT1S) must not be shorter than initialBackoff (PT2S)");
    }

    @Test
    void reportsItsVersionFromTheBuild() {
        assertThat(SieveClient.SDK_VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
