package dev.sieve.enrich.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.enrich.EnrichApp;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.runtime.MetricsEndpoint;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The enrich stage as deployed: settings, a real broker, its topics, metrics and health over HTTP. */
class EnrichStageIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    Path dir;

    @Test
    void enrichesFromRawToEnrichedDropsARepeatAndReportsItOnMetricsAndHealth() throws Exception {
        Topics topics = new Topics(PolicyLoader.loadDefault());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicApplier.apply(admin, topics.all(), 1, (short) 1);
        }
        EnrichApp.Settings settings = EnrichApp.Settings.read(new ConfigReader("test", Map.of(
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(), "state.dir", dir.toString(),
                "streams.commit.interval.ms", "100"), Map.of()));
        try (StreamsApp app = EnrichApp.create(settings);
                MetricsEndpoint metrics = new MetricsEndpoint(0, app::health)) {
            app.start();
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            TopicSpec<String, SpecificRecord> raw = topics.raw(EventFamily.DEVICE);
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(KAFKA.producerProperties(),
                    raw.keySerde().serializer(), raw.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(raw.name(), "dev-5c1f", SampleEvents.device())).get();
                // The SDK re-sends a batch whose answer it lost: the collector produces the same event again.
                producer.send(new ProducerRecord<>(raw.name(), "dev-5c1f", SampleEvents.device())).get();
            }
            HttpClient http = HttpClient.newHttpClient();
            TopicSpec<String, SpecificRecord> enriched = topics.enriched(EventFamily.DEVICE);
            try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(
                    KAFKA.consumerProperties("it"), new StringDeserializer(), enriched.valueSerde().deserializer())) {
                consumer.subscribe(List.of(enriched.name()));
                int seen = 0;
                String duplicate = "sieve_duplicates_dropped_total{family=\"device\"} 1.0";
                String scrape = "";
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while ((seen == 0 || !scrape.contains(duplicate)) && System.nanoTime() < deadline) {
                    seen += consumer.poll(Duration.ofMillis(200)).count();
                    scrape = scrape(http, metrics);
                }
                seen += consumer.poll(Duration.ofSeconds(1)).count();
                assertThat(seen).as("the event once, its repeat dropped").isEqualTo(1);
                assertThat(scrape).contains(duplicate);
            }
            String scrape = scrape(http, metrics);
            assertThat(scrape).contains("sieve_enrich_records_total{family=\"device\",outcome=\"enriched\"} 1.0")
                    .contains("kafka_stream_");
            assertThat(scrape).as("no identifier in any metric").doesNotContain("dev-5c1f").doesNotContain("user-8812");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + metrics.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("up RUNNING");
        }
    }

    private static String scrape(HttpClient http, MetricsEndpoint metrics) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
