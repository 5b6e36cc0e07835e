package dev.sieve.ingest.adapter.kafka;

import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.model.EventOutcome;
import dev.sieve.ingest.port.EventLog;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The {@link EventLog} on Kafka: one idempotent producer with {@code acks=all} writes accepted events to
 * {@code sieve.raw.<family>} (Avro single-object encoding, keyed for per-device order) and refused input to
 * {@code sieve.dlq.ingest} (original bytes; reason, detail and app id in headers). Topic names and serdes come
 * from {@link Topics}.
 */
public final class KafkaEventLog implements EventLog {

    /** Room for a dead-letter record's headers beside a body of the largest size the collector reads. */
    static final int DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;
    private static final String CLIENT_ID = "sieve-ingest";

    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final Map<EventFamily, TopicSpec<String, SpecificRecord>> raw = new EnumMap<>(EventFamily.class);
    private final TopicSpec<byte[], byte[]> deadLetters;

    public KafkaEventLog(KafkaConfig config, Limits limits, Topics topics) {
        for (EventFamily family : EventFamily.values()) {
            raw.put(family, topics.raw(family));
        }
        this.deadLetters = topics.deadLetter(Stage.INGEST);
        this.producer = new KafkaProducer<>(producerProperties(config, limits), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.admin = Admin.create(adminProperties(config));
    }

    private static Map<String, Object> producerProperties(KafkaConfig config, Limits limits) {
        Map<String, Object> p = new HashMap<>(config.clientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        // Durability and order: every in-sync replica has each record, retries never duplicate or reorder.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, limits.maxBodyBytes() + DEAD_LETTER_HEADROOM_BYTES);
        return p;
    }

    private static Map<String, Object> adminProperties(KafkaConfig config) {
        Map<String, Object> p = new HashMap<>(config.clientProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-readiness");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        return p;
    }

    @Override
    public CompletableFuture<Void> write(List<EventOutcome.Accepted> events, List<DeadLetter> letters,
            String clientAddress) {
        Acknowledgements acks = new Acknowledgements(events.size() + letters.size());
        try {
            for (EventOutcome.Accepted e : events) {
                if (acks.failed()) {
                    return acks.future();
                }
                TopicSpec<String, SpecificRecord> topic = raw.get(e.eventFamily());
                byte[] key = topic.keySerde().serializer().serialize(topic.name(), e.key());
                byte[] value = topic.valueSerde().serializer().serialize(topic.name(), e.record());
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), key, value);
                if (clientAddress != null) {
                    record.headers().add(new RecordHeader(Topics.HEADER_CLIENT_ADDRESS, utf8(clientAddress)));
                }
                producer.send(record, acks::record);
            }
            for (DeadLetter d : letters) {
                if (acks.failed()) {
                    return acks.future();
                }
                producer.send(d.toRecord(deadLetters.name(), null), acks::record);
            }
        } catch (KafkaException e) {
            // send() threw rather than reporting through the callback: a serializer failed or the producer is closed.
            acks.fail(e);
        }
        return acks.future();
    }

    @Override
    public boolean reachable(Duration timeout) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout);
        admin.close(timeout);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Completes once every record of a batch is acknowledged, or at the first failure. */
    private static final class Acknowledgements {
        private final CompletableFuture<Void> future = new CompletableFuture<>();
        private final AtomicInteger outstanding;

        Acknowledgements(int records) {
            this.outstanding = new AtomicInteger(records);
            if (records == 0) {
                future.complete(null);
            }
        }

        void record(RecordMetadata metadata, Exception error) {
            if (error != null) {
                future.completeExceptionally(error);
            } else if (outstanding.decrementAndGet() == 0) {
                future.complete(null);
            }
        }

        void fail(Exception error) {
            future.completeExceptionally(error);
        }

        /**
         * Whether a record already failed. send() reports a timeout waiting for metadata through the callback after
         * blocking up to max.block.ms; without this check each further record of the batch would block as long.
         */
        boolean failed() {
            return future.isCompletedExceptionally();
        }

        CompletableFuture<Void> future() {
            return future;
        }
    }
}
