package dev.sieve.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.sdk.ClientStats;
import dev.sieve.sdk.Events;
import dev.sieve.sdk.RetryPolicy;
import dev.sieve.sdk.RightsException;
import dev.sieve.sdk.RightsRequest;
import dev.sieve.sdk.RightsSubject;
import dev.sieve.sdk.SieveRights;
import dev.sieve.sdk.SieveClient;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes away and comes back: the collector answers 503 with Retry-After and is not ready meanwhile, the
 * SDK keeps retrying, and once the broker is back every event arrives exactly once, in the order sent; a rights
 * request meanwhile is refused with 503 and files nothing.
 */
class BrokerOutageIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    /** Generous for a waiting test: it only bounds how long the test may wait for something that must happen. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static CollectorConfig config;
    private static Collector collector;

    @BeforeAll
    static void start() throws Exception {
        TestBed.createTopics(KAFKA);
        CollectorConfig base = TestBed.config(KAFKA, Limits.defaults());
        // Produce requests get 3 s (a restarting broker on a busy machine can be slow to answer), and a batch
        // 5 s in all before the collector gives up on it and answers 503.
        config = new CollectorConfig(base.http(), base.tls(),
                new KafkaConfig(KAFKA.bootstrapServers(), Duration.ofSeconds(3), Duration.ofSeconds(5),
                        Duration.ofSeconds(2), Duration.ofMillis(5), Map.of()),
                base.limits(), base.rateLimits(), base.apiKeys(), base.policy());
        collector = Collector.start(config);
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void whileKafkaIsDownTheCollectorAnswers503AndTheSdkRetriesUntilEverythingIsDeliveredOnce() throws Exception {
        List<String> sent = new ArrayList<>();
        try (SieveClient client = SieveClient.builder()
                .endpoint(URI.create("http://127.0.0.1:" + collector.port()))
                .apiKey(TestBed.API_KEY).appId(TestBed.APP).appVersion("4.2.1").region("cn-north")
                .deviceId("dev-outage")
                .batchSize(25)
                .linger(Duration.ofMillis(20))
                .retryPolicy(RetryPolicy.builder().maxAttempts(1_000).initialBackoff(Duration.ofMillis(100))
                        .maxBackoff(Duration.ofSeconds(2)).build())
                .flushTimeout(PATIENCE)
                .build()) {
            send(client, sent, 50);
            assertThat(client.flush()).isTrue();
            assertThat(TestBed.get(collector.port(), "/health/ready").statusCode()).isEqualTo(200);

            KAFKA.stopBroker();

            HttpResponse<String> direct = TestBed.postEvents(collector.port(), TestBed.json("{'events':[{'family':'ip',"
                    + "'event':{'envelope':{'event_id':'direct-1','event_time':'2026-11-29T08:15:30Z','app_id':'notes',"
                    + "'app_version':'1','sdk_version':'1','region':'cn-north'},'ip_address':'192.0.2.1'}}]}"));
            assertThat(direct.statusCode()).isEqualTo(503);
            assertThat(direct.headers().firstValue("Retry-After")).contains("1");
            assertThat(direct.body()).isEqualTo("{\"error\":\"unavailable\",\"message\":\"Kafka did not acknowledge"
                    + " the batch; nothing of it is acknowledged, retry after 1 seconds\"}");
            HttpResponse<String> ready = TestBed.get(collector.port(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("{\"status\":\"kafka unreachable\"}");

            send(client, sent, 100);
            waitUntil(() -> client.stats().retried() >= 2);
            assertThat(client.stats().sent()).isEqualTo(50);

            KAFKA.startBroker();

            assertThat(client.flush()).isTrue();
            assertThat(client.stats()).isEqualTo(new ClientStats(150, 0, 0, client.stats().retried(), 0));
        }
        waitUntil(() -> status("/health/ready") == 200);

        List<String> arrived = TestBed.readRaw(KAFKA, EventFamily.IP).stream()
                .filter(r -> "dev-outage".equals(r.key()))
                .map(r -> ((IpEvent) r.value()).getEnvelope().getEventId())
                .toList();
        assertThat(arrived).isEqualTo(sent);
    }

    @Test
    void whileKafkaIsDownARightsRequestIsRefusedWith503AndNothingIsFiled(@TempDir Path dir) throws Exception {
        CollectorConfig base = config;
        String serverKey = "notes-server-key-0123456789";
        try (Collector rightsCollector = Collector.start(new CollectorConfig(base.http(), base.tls(), base.kafka(),
                base.limits(), base.rateLimits(), base.apiKeys(), base.policy(), Map.of(TestBed.APP, serverKey),
                Optional.of(TestBed.rights(KAFKA, dir))))) {
            SieveRights rights = SieveRights.builder()
                    .endpoint(URI.create("http://127.0.0.1:" + rightsCollector.port())).serverKey(serverKey).build();
            String subject = "outage-subject-4471";

            KAFKA.stopBroker();
            try {
                assertThatThrownBy(() -> rights.requestErasure(RightsSubject.subject(subject), "support-desk"))
                        .isInstanceOfSatisfying(RightsException.class, e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.error()).isEqualTo("unavailable");
                            assertThat(e.getMessage()).doesNotContain(subject);
                        });
            } finally {
                KAFKA.startBroker();
            }

            assertThat(TestBed.readAll(KAFKA, TestBed.TOPICS.erasureRequests().name(),
                    new StringDeserializer(), new ByteArrayDeserializer())).as("nothing filed while Kafka was down")
                    .isEmpty();
            RightsRequest filed = rights.requestErasure(RightsSubject.subject(subject), "support-desk");
            assertThat(filed.status()).as("filed once Kafka is back").isEqualTo("in_progress");
        }
    }

    private static void send(SieveClient client, List<String> sent, int n) {
        for (int i = 0; i < n; i++) {
            String id = "outage-" + sent.size();
            assertThat(client.send(Events.ip().eventId(id).ipAddress("192.0.2." + (sent.size() % 250)).build()))
                    .isTrue();
            sent.add(id);
        }
    }

    private static int status(String path) {
        try {
            return TestBed.get(collector.port(), path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition still false after " + PATIENCE).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
