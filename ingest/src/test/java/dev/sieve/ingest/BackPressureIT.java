package dev.sieve.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.config.Rate;
import dev.sieve.ingest.config.RateLimits;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.sdk.ClientStats;
import dev.sieve.sdk.Events;
import dev.sieve.sdk.SieveClient;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app over its rate, on a real collector and broker: the request is refused whole with 429 and
 * {@code Retry-After}, nothing of it is written, other apps go on; the SDK waits as told and delivers every event
 * exactly once in the end. Each test starts its own collector, so each app's allowance starts full.
 */
class BackPressureIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    /** Batches of at most 20 events, so a small burst holds a full one. */
    private static final Limits LIMITS = new Limits(Limits.DEFAULT_MAX_BODY_BYTES, 20, Limits.DEFAULT_MAX_EVENT_BYTES,
            Limits.DEFAULT_MAX_STRING_LENGTH);

    @BeforeAll
    static void topics() throws Exception {
        TestBed.createTopics(KAFKA);
    }

    private static Collector start(Rate notesRate) throws Exception {
        return Collector.start(TestBed.config(KAFKA, LIMITS, new RateLimits(Rate.defaults(),
                Map.of(TestBed.APP, notesRate))));
    }

    private static String batch(String app, String prefix, int events) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            items.add("{'family':'ip','event':{'envelope':{'event_id':'" + prefix + i + "','event_time':"
                    + "'2026-11-29T08:15:30Z','app_id':'" + app + "','app_version':'1','sdk_version':'1','region':'cn-north',"
                    + "'device_id':'dev-" + i + "'},'ip_address':'192.0.2.1'}}");
        }
        return TestBed.json("{'events':[" + String.join(",", items) + "]}");
    }

    @Test
    void aBatchOverTheRateIsRefusedWholeWith429AndRetryAfterAndNothingOfItIsWritten() throws Exception {
        // One event a second: the second batch comes long before the bucket holds twenty again.
        try (Collector collector = start(new Rate(1, 20))) {
            assertThat(TestBed.postEvents(collector.port(), batch(TestBed.APP, "first-", 20))
                    .statusCode()).isEqualTo(200);
            long written = TestBed.recordCount(KAFKA);

            HttpResponse<String> refused = TestBed.postEvents(collector.port(),
                    batch(TestBed.APP, "second-", 20));

            assertThat(refused.statusCode()).isEqualTo(429);
            int wait = Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(wait).as("seconds until 20 tokens at one a second").isBetween(1, 20);
            assertThat(refused.body()).isEqualTo(TestBed.json("{'error':'rate_limited','message':'this app is over"
                    + " its rate of events; nothing of the request is acknowledged, retry after " + wait
                    + " seconds'}"));
            assertThat(TestBed.recordCount(KAFKA)).as("nothing written, not even a dead letter").isEqualTo(written);

            HttpResponse<String> other = TestBed.post(collector.port(), "/v1/events", "application/json",
                    TestBed.OTHER_API_KEY, TestBed.utf8(batch(TestBed.OTHER_APP, "other-", 20)));
            assertThat(other.statusCode()).as("another app has its own allowance").isEqualTo(200);

            String metrics = TestBed.get(collector.port(), "/metrics").body();
            assertThat(metrics)
                    .contains("sieve_ingest_throttled_events_total{app=\"notes\",endpoint=\"events\","
                            + "reason=\"rate_limit\"} 20.0")
                    .contains("sieve_ingest_requests_total{endpoint=\"events\",status=\"429\"} 1.0")
                    .doesNotContain("sieve_ingest_throttled_events_total{app=\"chat\"");
        }
    }

    @Test
    void otlpLogsShareTheAppsAllowanceAndAreRefusedAsOtlpPrescribes() throws Exception {
        try (Collector collector = start(new Rate(1, 20))) {
            assertThat(TestBed.postEvents(collector.port(), batch(TestBed.APP, "before-logs-", 20)).statusCode())
                    .isEqualTo(200);

            // Twenty records: the bucket, emptied by the events, refills one a second, so twenty cannot pass for
            // twenty seconds however slowly this machine runs the first request.
            String record = "{'timeUnixNano':'1795940130123000000','body':{'stringValue':'x'}}";
            HttpResponse<String> refused = TestBed.post(collector.port(), "/v1/logs", "application/json",
                    TestBed.API_KEY, TestBed.utf8(TestBed.json("{'resourceLogs':[{'scopeLogs':[{'logRecords':["
                            + String.join(",", Collections.nCopies(20, record)) + "]}]}]}")));

            // OTLP/HTTP: 429 is retryable, with Retry-After, and the body is a google.rpc.Status (RESOURCE_EXHAUSTED).
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).startsWith(TestBed.json("{'code':8,'message':'this app is over its rate of"
                    + " events;"));
        }
    }

    @Test
    void theSdkWaitsAsToldAndDeliversEveryEventOnce() throws Exception {
        // Five events a second, twenty at once: sixty events in batches of twenty cannot all go at once.
        try (Collector collector = start(new Rate(5, 20))) {
            // Another app's request first, so the producer is warm and the SDK's batches follow each other faster
            // than the four seconds the bucket needs to hold twenty again.
            assertThat(TestBed.post(collector.port(), "/v1/events", "application/json", TestBed.OTHER_API_KEY,
                    TestBed.utf8(batch(TestBed.OTHER_APP, "warm-", 1))).statusCode()).isEqualTo(200);
            ClientStats stats;
            try (SieveClient client = SieveClient.builder()
                    .endpoint(URI.create("http://127.0.0.1:" + collector.port()))
                    .apiKey(TestBed.API_KEY).appId(TestBed.APP).appVersion("4.2.1").region("cn-north")
                    .deviceId("dev-throttled").batchSize(20).linger(Duration.ofMillis(20)).build()) {
                for (int i = 0; i < 60; i++) {
                    client.send(Events.ip().eventId("sdk-" + i).ipAddress("192.0.2.1").build());
                }
                assertThat(client.flush(Duration.ofSeconds(60))).isTrue();
                stats = client.stats();
            }

            assertThat(stats.sent()).isEqualTo(60);
            assertThat(stats.dropped()).isZero();
            assertThat(stats.rejected()).isZero();
            assertThat(stats.retried()).as("requests answered 429 and sent again").isPositive();
            assertThat(TestBed.get(collector.port(), "/metrics").body())
                    .contains("sieve_ingest_requests_total{endpoint=\"events\",status=\"429\"} " + stats.retried()
                            + ".0");
            List<String> ids = TestBed.readRaw(KAFKA, EventFamily.IP).stream()
                    .map(r -> ((Envelope) r.value().get(0)).getEventId()).filter(id -> id.startsWith("sdk-"))
                    .sorted().toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                expected.add("sdk-" + i);
            }
            assertThat(ids).as("each event once: a refused batch was written nowhere").isEqualTo(
                    expected.stream().sorted().toList());
        }
    }
}
