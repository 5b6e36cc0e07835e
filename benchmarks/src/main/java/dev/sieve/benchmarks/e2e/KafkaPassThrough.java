package dev.sieve.benchmarks.e2e;

import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: what the same broker does with the same records when nothing but Kafka stands between producer
 * and consumer. The records are the raw records the collector produced in the Sieve run (key, Avro value, headers),
 * so size and mix are the same; the producer has the collector's settings (idempotent, {@code acks=all}, its
 * linger) and the consumer Kafka's defaults.
 */
public final class KafkaPassThrough {

    /** The baseline's topics, the benchmark's own: no stage reads them. */
    private static final String TOPIC_PREFIX = "benchmark.pass-through.";
    private static final Duration POLL = Duration.ofMillis(100);

    /** A record as the collector produced it. */
    public record Raw(byte[] key, byte[] value, Headers headers) {
        /** Key, value and header bytes. */
        public int size() {
            int size = (key == null ? 0 : key.length) + value.length;
            for (Header h : headers) {
                size += h.key().length() + (h.value() == null ? 0 : h.value().length);
            }
            return size;
        }
    }

    private final Map<String, Object> client;
    private final int partitions;
    private final List<Raw> records;

    /**
     * @param client     settings for a client of the broker ({@code bootstrap.servers} and any TLS/SASL settings)
     * @param partitions partitions of each baseline topic: as many as the pipeline's topics have
     */
    public KafkaPassThrough(Map<String, Object> client, int partitions, List<Raw> records) {
        this.client = Map.copyOf(client);
        this.partitions = partitions;
        this.records = List.copyOf(records);
    }

    /**
     * {@code n} of the records in the raw topics, drawn evenly from all of them (the same mix of families as sent),
     * in a fixed shuffled order.
     */
    public static List<Raw> rawRecords(Map<String, Object> client, Topics topics, int n) {
        List<Raw> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (EventFamily family : EventFamily.values()) {
                String topic = topics.raw(family).name();
                consumer.partitionsFor(topic).forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    all.add(new Raw(r.key(), r.value(), r.headers()));
                }
            }
        }
        if (all.size() < n) {
            throw new IllegalStateException("the raw topics hold " + all.size() + " records, fewer than " + n);
        }
        Collections.shuffle(all, new Random(1));
        return all.subList(0, n);
    }

    /** Mean size of a record: key, value and headers. */
    public double meanRecordBytes() {
        return records.stream().mapToInt(Raw::size).average().orElseThrow();
    }

    /** Records per second from the first send until the consumer has received every record. */
    public double throughput(String name) throws Exception {
        String topic = createTopic(name);
        Future<Received> received = consume(topic, records.size());
        long start;
        try (KafkaProducer<byte[], byte[]> producer = producer(topic)) {
            start = System.currentTimeMillis();
            for (Raw r : records) {
                producer.send(record(topic, r, System.currentTimeMillis()));
            }
            producer.flush();
        }
        return records.size() / ((received.get().lastMillis() - start) / 1e3);
    }

    /**
     * Offers {@code recordsPerSecond} for {@code duration} and returns, per record, the milliseconds from the
     * producer's send (the record's timestamp) until the consumer had it.
     */
    public long[] latencies(String name, double recordsPerSecond, Duration duration) throws Exception {
        String topic = createTopic(name);
        int n = (int) (recordsPerSecond * duration.toNanos() / 1e9);
        Future<Received> received = consume(topic, n);
        try (KafkaProducer<byte[], byte[]> producer = producer(topic)) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = start + (long) (i * 1e9 / recordsPerSecond);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(record(topic, records.get(i % records.size()), System.currentTimeMillis()));
            }
            producer.flush();
        }
        return received.get().latencyMillis();
    }

    private String createTopic(String name) throws Exception {
        String topic = TOPIC_PREFIX + name;
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        return topic;
    }

    /** A producer with the collector's settings that already knows {@code topic}'s partitions and leaders. */
    private KafkaProducer<byte[], byte[]> producer(String topic) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) KafkaConfig.DEFAULT_LINGER.toMillis());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
        // The collector's producer is long-lived; the baseline's first send must not wait for metadata either.
        producer.partitionsFor(topic);
        return producer;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> client) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, Raw r, long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, r.key(), r.value(), r.headers());
    }

    /** What the consumer saw: per record, timestamp to receipt; and when it received the last one. */
    private record Received(long[] latencyMillis, long lastMillis) {}

    /**
     * Reads {@code n} records from the start of {@code topic} on its own thread, returning once that consumer is
     * assigned and positioned, so nothing sent afterwards is missed or waits for a rebalance.
     */
    private Future<Received> consume(String topic, int n) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        CompletableFuture<Received> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
                List<TopicPartition> assigned = IntStream.range(0, partitions)
                        .mapToObj(p -> new TopicPartition(topic, p)).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                assigned.forEach(consumer::position);
                ready.countDown();
                long[] latency = new long[n];
                int got = 0;
                long last = 0;
                while (got < n) {
                    ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                    last = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : polled) {
                        latency[got++] = last - r.timestamp();
                    }
                }
                done.complete(new Received(latency, last));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            } finally {
                ready.countDown();
            }
        }, "benchmark-pass-through-consumer");
        t.start();
        ready.await();
        return done;
    }
}
