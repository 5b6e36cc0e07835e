package dev.sieve.ingest;

import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.HttpConfig;
import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.config.RateLimits;
import dev.sieve.ingest.config.RightsConfig;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.testsupport.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** What the collector's integration tests share: configuration, topics, HTTP calls and reading topics back. */
final class TestBed {

    static final String APP = "notes";
    static final String API_KEY = "notes-key-0123456789abcdef";
    static final String OTHER_APP = "chat";
    static final String OTHER_API_KEY = "chat-key-0123456789abcdef";
    static final Topics TOPICS;

    static {
        try {
            TOPICS = new Topics(PolicyLoader.loadDefault());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestBed() {}

    /** Short Kafka timeouts, so a stopped broker is noticed in seconds; every app at the default rate. */
    static CollectorConfig config(EmbeddedKafka kafka, Limits limits) {
        return config(kafka, limits, RateLimits.defaults());
    }

    static CollectorConfig config(EmbeddedKafka kafka, Limits limits, RateLimits rates) {
        return new CollectorConfig(
                new HttpConfig("127.0.0.1", 0, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                Optional.empty(),
                new KafkaConfig(kafka.bootstrapServers(), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(1), Duration.ofMillis(5), Map.of()),
                limits,
                rates,
                Map.of(APP, API_KEY, OTHER_APP, OTHER_API_KEY),
                Optional.empty());
    }

    /**
     * The rights API's settings for a test: a sink configuration on the test's broker with keys for every purpose
     * that needs them and a ClickHouse nobody listens on (exports fail), an export directory, a short poll.
     */
    static RightsConfig rights(EmbeddedKafka kafka, Path dir) throws Exception {
        Path keys = TestKeys.writeDir(dir.resolve("keys"), PolicyLoader.loadDefault());
        Path sinkConfig = Files.writeString(dir.resolve("sink.properties"), "kafka.bootstrap.servers="
                + kafka.bootstrapServers() + "\nclickhouse.region.cn-north.url=http://127.0.0.1:9\nkeys.dir=" + keys
                + "\n");
        return new RightsConfig(sinkConfig, Files.createDirectories(dir.resolve("exports")), Duration.ofMillis(100));
    }

    /**
     * Every topic the collector uses, as an operator would create them: the raw topics, the ingest dead-letter
     * topic, the revoked apps it reads at start-up and the rights API's control topics.
     */
    static void createTopics(EmbeddedKafka kafka) throws Exception {
        for (EventFamily family : EventFamily.values()) {
            kafka.createTopic(TOPICS.raw(family).name(), 3);
        }
        kafka.createTopic(TOPICS.deadLetter(Stage.INGEST).name(), 1);
        for (String control : List.of(TOPICS.appRevocations().name(), TOPICS.rightsRequests().name(),
                TOPICS.consent().name(), TOPICS.erasure().name(), TOPICS.erasureRequests().name(),
                TOPICS.salts().name())) {
            kafka.createTopic(control, 1);
        }
    }

    static HttpResponse<String> post(int port, String path, String contentType, String apiKey, byte[] body,
            String... extraHeaders) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        if (extraHeaders.length > 0) {
            b.headers(extraHeaders);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> postBytes(int port, String path, String contentType, String apiKey, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> postEvents(int port, String json) throws IOException, InterruptedException {
        return post(port, "/v1/events", "application/json", API_KEY, utf8(json));
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Single quotes to double quotes, so JSON reads well inside Java strings. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    /** Every record of the family's raw topic, read up to the current end of each partition. */
    static List<ConsumerRecord<String, SpecificRecord>> readRaw(EmbeddedKafka kafka, EventFamily family) {
        TopicSpec<String, SpecificRecord> topic = TOPICS.raw(family);
        return readAll(kafka, topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(EmbeddedKafka kafka) {
        TopicSpec<byte[], byte[]> topic = TOPICS.deadLetter(Stage.INGEST);
        return readAll(kafka, topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** How many records the raw topics and the dead-letter topic hold together, from their offsets. */
    static long recordCount(EmbeddedKafka kafka) {
        List<String> topics = new ArrayList<>();
        for (EventFamily family : EventFamily.values()) {
            topics.add(TOPICS.raw(family).name());
        }
        topics.add(TOPICS.deadLetter(Stage.INGEST).name());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("count"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a topic from the beginning up to the end offsets it has now: deterministic, no waiting for records
     * that may or may not come. The collector answers only after Kafka acknowledged, so what it acknowledged is
     * there.
     */
    static <K, V> List<ConsumerRecord<K, V>> readAll(EmbeddedKafka kafka, String topic, Deserializer<K> keys,
            Deserializer<V> values) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(kafka.consumerProperties("it-" + System.nanoTime()),
                keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }
}
