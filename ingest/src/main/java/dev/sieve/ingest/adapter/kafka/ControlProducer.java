package dev.sieve.ingest.adapter.kafka;

import dev.sieve.ingest.config.KafkaConfig;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the rights API's control records (consent, erasure list entries and requests, request states) with
 * {@code acks=all} and idempotence, and returns only once Kafka acknowledged each: an answer of the API means the
 * record is durable.
 */
public final class ControlProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration wait;

    public ControlProducer(KafkaConfig config) {
        Map<String, Object> p = new HashMap<>(config.clientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "sieve-ingest-rights");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.wait = config.deliveryTimeout().plus(config.maxBlock());
    }

    /**
     * Publishes one record and waits for Kafka's acknowledgement.
     *
     * @throws ControlWriteException when Kafka did not acknowledge it in time; the message names the topic only
     */
    public <V> void publish(TopicSpec<String, V> topic, String key, V value) throws ControlWriteException {
        byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            producer.send(new ProducerRecord<>(topic.name(), k, v)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlWriteException(topic.name(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new ControlWriteException(topic.name(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not acknowledge a control record: nothing of the request may be reported as done. */
    public static final class ControlWriteException extends Exception {
        ControlWriteException(String topic, Throwable cause) {
            // The cause's type only: a client's message could quote the record.
            super("Kafka did not acknowledge the record on " + topic + " (" + cause.getClass().getSimpleName() + ")");
        }
    }
}
