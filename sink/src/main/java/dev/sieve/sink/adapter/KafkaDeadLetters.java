package dev.sieve.sink.adapter;

import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.sink.port.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Dead letters to {@code sieve.dlq.sink}: the original key, value and headers, plus reason, detail, source
 * topic and app id in the {@code sieve.*} headers (replacing any the record already carried).
 */
public final class KafkaDeadLetters implements DeadLetters, AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public KafkaDeadLetters(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public synchronized void send(DeadLetter letter) {
        pending.add(producer.send(letter.toRecord(topic, null)));
    }

    /** @throws IllegalStateException if Kafka did not take a dead letter: the caller must not commit */
    @Override
    public synchronized void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dead letters to be acknowledged", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("dead letter not acknowledged by Kafka: " + e.getCause().getMessage(), e);
        } finally {
            pending.clear();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
