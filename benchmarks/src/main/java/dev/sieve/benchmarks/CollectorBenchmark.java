package dev.sieve.benchmarks;

import dev.sieve.local.console.LocalMain;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sieve.ingest.Collector;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.HttpConfig;
import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.config.Rate;
import dev.sieve.ingest.config.RateLimits;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Events per second through the collector, beside a raw Kafka producer sending the same records in the same run,
 * both into the same in-process broker (one KRaft node, {@code sieve.raw.device} with 3 partitions).
 *
 * <ul>
 *   <li>collector: JSON batches posted over HTTP/1.1 from a few client threads; the collector parses, validates,
 *       converts to Avro and produces, answering each batch only once Kafka acknowledged all of it;</li>
 *   <li>raw producer: the same {@code DeviceEvent} records, already built, through one idempotent
 *       {@code acks=all} producer with the collector's producer settings: Kafka's own ceiling here.</li>
 * </ul>
 *
 * The client threads, the collector and the broker share the machine's cores, so the ratio is what matters, not
 * the absolute figures. Each side runs {@value #ROUNDS} rounds after a warm-up; the best round is reported.
 * Run: {@code java -cp ... dev.sieve.benchmarks.CollectorBenchmark [events] [batch] [threads]}.
 */
public final class CollectorBenchmark {

    private static final int ROUNDS = 2;
    private static final int DEVICES = 1_000;
    private static final String API_KEY = "benchmark-key-0123456789";
    private static final Instant EVENT_TIME = Instant.parse("2026-11-29T08:15:30.123Z");

    private CollectorBenchmark() {}

    public static void main(String[] args) throws Exception {
        // The broker logs a great deal at INFO; the figures are what this prints.
        LocalMain.useLocalLogConfiguration();
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        System.out.printf("collector benchmark: %,d device events, batches of %d, %d HTTP client threads, %d cores%n",
                events, batch, threads, Runtime.getRuntime().availableProcessors());

        Topics topics = new Topics(PolicyLoader.loadDefault());
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            for (EventFamily family : EventFamily.values()) {
                kafka.createTopic(topics.raw(family).name(), 3);
            }
            kafka.createTopic(topics.deadLetter(Stage.INGEST).name(), 1);
            kafka.createTopic(topics.appRevocations().name(), 1); // read by the collector at start-up
            KafkaConfig kafkaConfig = new KafkaConfig(kafka.bootstrapServers(), KafkaConfig.DEFAULT_REQUEST_TIMEOUT,
                    KafkaConfig.DEFAULT_DELIVERY_TIMEOUT, KafkaConfig.DEFAULT_MAX_BLOCK, KafkaConfig.DEFAULT_LINGER,
                    Map.of());
            CollectorConfig config = new CollectorConfig(
                    new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_RETRY_AFTER, HttpConfig.DEFAULT_SHUTDOWN_TIMEOUT),
                    Optional.empty(), kafkaConfig, Limits.defaults(),
                    // No allowance in the way: the benchmark measures how fast the collector itself can go.
                    new RateLimits(new Rate(Integer.MAX_VALUE, Integer.MAX_VALUE), Map.of()),
                    Map.of("bench", API_KEY), Optional.empty());

            double bestProducer = 0;
            double bestCollector = 0;
            try (Collector collector = Collector.start(config)) {
                URI uri = URI.create("http://127.0.0.1:" + collector.port() + "/v1/events");
                // Warm-up: JIT, connections, producer metadata; a tenth of the events each way.
                rawProducer(kafka, topics, records("warm", events / 10));
                viaCollector(uri, bodies(records("warm-http", events / 10), batch), threads);
                for (int round = 0; round < ROUNDS; round++) {
                    List<DeviceEvent> records = records("r" + round, events);
                    bestProducer = Math.max(bestProducer, rawProducer(kafka, topics, records));
                    bestCollector = Math.max(bestCollector, viaCollector(uri, bodies(records, batch), threads));
                }
            }
            System.out.printf("raw producer: %,12.0f events/s%n", bestProducer);
            System.out.printf("collector:    %,12.0f events/s  (%.1f%% of the raw producer)%n", bestCollector,
                    100 * bestCollector / bestProducer);
        }
        // The broker's and HTTP client's leftover threads must not keep the JVM alive.
        System.exit(0);
    }

    /** Device events with every field set, spread over {@value #DEVICES} devices. */
    private static List<DeviceEvent> records(String prefix, int n) {
        List<DeviceEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(DeviceEvent.newBuilder()
                    .setEnvelope(Envelope.newBuilder()
                            .setEventId(prefix + "-" + i)
                            .setEventTime(EVENT_TIME.plusMillis(i))
                            .setReceivedTime(null)
                            .setAppId("bench")
                            .setAppVersion("4.2.1")
                            .setSdkVersion("0.1.0")
                            .setRegion(i % 2 == 0 ? "cn-north" : "cn-east")
                            .setSubjectId("user-" + (i % 5_000))
                            .setDeviceId("device-" + (i % DEVICES))
                            .build())
                    .setAdvertisingId("38400000-8cf0-11bd-b23e-10b96e4" + String.format("%05d", i % 100_000))
                    .setUniqueDeviceIdentifier("3569380356" + String.format("%05d", i % 100_000))
                    .setDeviceModel("Pixel 9")
                    .setOsName("Android")
                    .setOsVersion("16.0.1")
                    .setBatteryLevel(i % 101)
                    .setSignalStrengthDbm(-60 - i % 50)
                    .setNetworkType("5g")
                    .build());
        }
        return out;
    }

    /** The same records in the collector's JSON wire format, {@code batch} events per body. */
    private static List<byte[]> bodies(List<DeviceEvent> records, int batch) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < records.size(); from += batch) {
            ObjectNode body = json.createObjectNode();
            ArrayNode array = body.putArray("events");
            for (DeviceEvent r : records.subList(from, Math.min(records.size(), from + batch))) {
                Envelope e = r.getEnvelope();
                ObjectNode event = array.addObject().put("family", "device").putObject("event");
                event.putObject("envelope")
                        .put("event_id", e.getEventId())
                        .put("event_time", e.getEventTime().toString())
                        .put("app_id", e.getAppId())
                        .put("app_version", e.getAppVersion())
                        .put("sdk_version", e.getSdkVersion())
                        .put("region", e.getRegion())
                        .put("subject_id", e.getSubjectId())
                        .put("device_id", e.getDeviceId());
                event.put("advertising_id", r.getAdvertisingId())
                        .put("unique_device_identifier", r.getUniqueDeviceIdentifier())
                        .put("device_model", r.getDeviceModel())
                        .put("os_name", r.getOsName())
                        .put("os_version", r.getOsVersion())
                        .put("battery_level", r.getBatteryLevel())
                        .put("signal_strength_dbm", r.getSignalStrengthDbm())
                        .put("network_type", r.getNetworkType());
            }
            bodies.add(json.writeValueAsBytes(body));
        }
        return bodies;
    }

    /** Events per second: every batch posted, each answered 200 with every event accepted. */
    private static double viaCollector(URI uri, List<byte[]> bodies, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int events = 0;
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + API_KEY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || !response.body().contains("\"rejected\":0,")) {
                        throw new IllegalStateException("collector answered " + response.statusCode() + ": "
                                + response.body().substring(0, Math.min(300, response.body().length())));
                    }
                    events += response.body().split("\"status\":\"accepted\"", -1).length - 1;
                }
                return events;
            }));
        }
        int events = 0;
        for (Future<Integer> f : done) {
            events += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return events / seconds;
    }

    /** Events per second: every record sent and acknowledged. */
    private static double rawProducer(EmbeddedKafka kafka, Topics topics, List<DeviceEvent> records)
            throws Exception {
        TopicSpec<String, SpecificRecord> topic = topics.raw(EventFamily.DEVICE);
        Map<String, Object> props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) KafkaConfig.DEFAULT_LINGER.toMillis());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            List<Future<?>> acks = new ArrayList<>(records.size());
            for (DeviceEvent r : records) {
                // Serialized here, as the collector does, so both sides pay for Avro encoding.
                byte[] key = topic.keySerde().serializer().serialize(topic.name(), r.getEnvelope().getDeviceId());
                byte[] value = topic.valueSerde().serializer().serialize(topic.name(), r);
                acks.add(producer.send(new ProducerRecord<>(topic.name(), key, value)));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
