package dev.sieve.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.Rate;
import dev.sieve.ingest.config.RateLimits;
import dev.sieve.ingest.throttle.TokenBucket;
import dev.sieve.local.demo.DemoSettings;
import dev.sieve.sdk.SieveClient;
import dev.sieve.sink.config.RegionEndpoint;
import dev.sieve.sink.config.SinkConfig;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.streams.StageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StageConfigsTest {

    static final StageConfigs CONFIGS = new StageConfigs("kafka:9092", Map.of("security.protocol", "SSL"),
            Optional.of(Path.of("policy.yaml")), Path.of("keys"), Optional.empty(), Optional.of(Path.of("ranges.csv")),
            Path.of("state"), "127.0.0.1", 0, "notes", "demo-0123456789abcdef",
            new RegionEndpoint("http://localhost:8123", "default", ""), Duration.ofMillis(200));

    @Test
    void theCollectorTakesTheOneAppWithTheStagesDefaults() {
        CollectorConfig c = CONFIGS.collector();

        assertThat(c.apiKeys()).containsExactly(Map.entry("notes", "demo-0123456789abcdef"));
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.kafka().clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(c.policy()).hasValue(Path.of("policy.yaml"));
        assertThat(c.tls()).isEmpty();
    }

    @Test
    void theFastestDemoTrafficIsNeverThrottledThoughTheDefaultAllowanceWouldThrottleIt() {
        Rate demo = CONFIGS.collector().rateLimits().of("notes");

        assertThat(refusedBatches(demo)).as("the demo's allowance").isZero();
        assertThat(refusedBatches(RateLimits.defaults().of("notes"))).as("the collector's default allowance")
                .isPositive();
    }

    /**
     * Batches refused in a simulated minute of the demo at its fastest: {@link DemoSettings#MAX_EVENTS_PER_SECOND},
     * let out once per SDK linger (the most its clients bunch them), in SDK-sized batches; a refused batch is not
     * sent again, so each refusal counts once.
     */
    private static int refusedBatches(Rate rate) {
        AtomicLong nanos = new AtomicLong();
        TokenBucket bucket = new TokenBucket(rate, nanos::get);
        Duration linger = SieveClient.DEFAULT_LINGER;
        long perLinger = DemoSettings.MAX_EVENTS_PER_SECOND * linger.toMillis() / 1000;
        int refused = 0;
        for (long t = 0; t < Duration.ofMinutes(1).toNanos(); t += linger.toNanos()) {
            nanos.set(t);
            for (long sent = 0; sent < perLinger; sent += SieveClient.DEFAULT_BATCH_SIZE) {
                if (bucket.take((int) Math.min(SieveClient.DEFAULT_BATCH_SIZE, perLinger - sent)).isPresent()) {
                    refused++;
                }
            }
        }
        return refused;
    }

    @Test
    void theStreamsStagesRunExactlyOnceWithoutTheirOwnMetricsEndpoints() {
        StageSettings enrich = CONFIGS.enrich().stage();
        StageSettings anonymize = CONFIGS.anonymize().stage();
        Properties p = enrich.streamsProperties();

        assertThat(enrich.applicationId()).isEqualTo("sieve-enrich");
        assertThat(anonymize.applicationId()).isEqualTo("sieve-anonymize");
        assertThat(enrich.metricsPort()).isEqualTo(-1);
        assertThat(anonymize.metricsPort()).isEqualTo(-1);
        assertThat(p).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry("security.protocol", "SSL").containsEntry(StreamsConfig.STATE_DIR_CONFIG, "state");
        assertThat(CONFIGS.enrich().geoRanges()).hasValue(Path.of("ranges.csv"));
        assertThat(CONFIGS.anonymize().keysDir()).hasValue(Path.of("keys"));
        assertThat(CONFIGS.enrich().dedupWindow()).isEqualTo(SeenEvents.DEFAULT_WINDOW);
    }

    @Test
    void theSinkStoresEveryRegionIntoTheOneClickHouseWithoutItsOwnMetricsEndpoint() {
        SinkConfig sink = CONFIGS.sink(Set.of("eu", "us"));

        assertThat(sink.regions()).containsOnlyKeys("eu", "us").allSatisfy((region, endpoint) ->
                assertThat(endpoint.url()).isEqualTo("http://localhost:8123"));
        assertThat(sink.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(sink.kafkaClient()).containsEntry("security.protocol", "SSL");
        assertThat(sink.groupId()).isEqualTo("sieve-sink");
        assertThat(sink.keysDir()).hasValue(Path.of("keys"));
        assertThat(sink.metricsPort()).isEqualTo(-1);
        assertThat(sink.schema().database()).isEqualTo(LocalPipeline.DATABASE);
        assertThat(sink.schema().cluster()).isEmpty();
        assertThat(sink.thresholds().maxAge()).isEqualTo(Duration.ofMillis(200));
        assertThat(sink.thresholds().maxRows()).isEqualTo(BatchThresholds.DEFAULT_MAX_ROWS);
    }
}
