package dev.sieve.cli.operate;

import dev.sieve.cli.CliFailure;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes operator requests on the control topics and returns only once every in-sync replica has the record
 * ({@code acks=all}, idempotent): a command that reports success has a request the pipeline will act on. Keys and
 * values are encoded with the topic's own serdes ({@link TopicSpec}). {@code acks}, idempotence and timeouts are
 * fixed here; {@code kafka.client.*} settings (TLS, SASL) pass through.
 */
public final class ControlPublisher implements AutoCloseable {

    /** How long the producer may wait for metadata (a missing topic), and for the acknowledgement. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(15);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final Duration ackTimeout;

    /** @param kafkaClient bootstrap servers plus the deployment's {@code kafka.client.*} settings */
    public ControlPublisher(Map<String, Object> kafkaClient) {
        this(kafkaClient, MAX_BLOCK, DELIVERY_TIMEOUT);
    }

    ControlPublisher(Map<String, Object> kafkaClient, Duration maxBlock, Duration deliveryTimeout) {
        Map<String, Object> props = new HashMap<>(kafkaClient);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (deliveryTimeout.toMillis() / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try {
            this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
            this.ackTimeout = maxBlock.plus(deliveryTimeout);
        } catch (KafkaException e) {
            throw CliFailure.usage("cannot create a Kafka producer from the configuration: " + e.getMessage());
        }
    }

    /**
     * Sends one record and waits for its acknowledgement.
     *
     * @throws CliFailure exit 1 when Kafka did not acknowledge it; the message names the topic and Kafka's
     *                    reason, never the key or value
     */
    public <V> RecordMetadata publish(TopicSpec<String, V> topic, String key, V value) throws InterruptedException {
        byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic.name(), k, v));
            producer.flush();
            return sent.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw notAcknowledged(topic, e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw notAcknowledged(topic, e);
        }
    }

    private static CliFailure notAcknowledged(TopicSpec<?, ?> topic, Throwable cause) {
        return CliFailure.failed("Kafka did not acknowledge the record on " + topic.name() + ", nothing was"
                + " requested: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
