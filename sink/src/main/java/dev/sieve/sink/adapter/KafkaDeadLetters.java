package dev.sieve.sink.adapter;

import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.model.DeadLetter;
import dev.sieve.sink.port.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

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
        RecordHeaders headers = new RecordHeaders();
        for (Header h : letter.headers()) {
            if (!h.key().equals(Topics.HEADER_DLQ_REASON) && !h.key().equals(Topics.HEADER_DLQ_DETAIL)
                    && !h.key().equals(Topics.HEADER_SOURCE_TOPIC)) {
                headers.add(h);
            }
        }
        headers.add(Topics.HEADER_DLQ_REASON, utf8(letter.reason().id()));
        headers.add(Topics.HEADER_DLQ_DETAIL, utf8(letter.detail()));
        headers.add(Topics.HEADER_SOURCE_TOPIC, utf8(letter.sourceTopic()));
        letter.appId().ifPresent(app -> {
            headers.remove(Topics.HEADER_APP_ID);
            headers.add(Topics.HEADER_APP_ID, utf8(app));
        });
        pending.add(producer.send(new ProducerRecord<>(topic, null, letter.key(), letter.value(), headers)));
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
