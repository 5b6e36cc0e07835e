package dev.sieve.schemas.topic;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Input a stage set aside, with why: the one dead-letter record of every stage. The key and value are the bytes
 * as received, untouched, so nothing is lost and a replay is exact.
 *
 * @param key         the original key bytes (may be null)
 * @param value       the original value bytes: a record as read, or what the collector received
 * @param original    the original record's headers (empty for input that did not come from Kafka)
 * @param reason      why
 * @param detail      for the operator and the sender: a field, a rule, a column, ClickHouse's redacted error;
 *                    never a value
 * @param sourceTopic the topic it was read from; empty for input the collector received
 * @param appId       the app that sent it, when known
 */
public record DeadLetter(byte[] key, byte[] value, Headers original, DeadLetterReason reason, String detail,
        Optional<String> sourceTopic, Optional<String> appId) {

    public DeadLetter {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(appId, "appId");
    }

    /** Input the collector refused: the bytes it received from {@code appId}'s key, no Kafka key or headers. */
    public static DeadLetter received(byte[] body, DeadLetterReason reason, String detail, String appId) {
        return new DeadLetter(null, body, new RecordHeaders(), reason, detail, Optional.empty(),
                Optional.of(appId));
    }

    /**
     * The dead letter's headers: the original's, then the reason, the detail, the source topic and the app, each
     * replacing any the original had (a record dead-lettered again carries its newest reason only).
     */
    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : original) {
            if (!replaced(h.key())) {
                headers.add(h);
            }
        }
        headers.add(Topics.HEADER_DLQ_REASON, utf8(reason.id()));
        headers.add(Topics.HEADER_DLQ_DETAIL, utf8(detail));
        sourceTopic.ifPresent(topic -> headers.add(Topics.HEADER_SOURCE_TOPIC, utf8(topic)));
        appId.ifPresent(app -> headers.add(Topics.HEADER_APP_ID, utf8(app)));
        return headers;
    }

    /** The record to write to {@code deadLetterTopic}, with {@code timestamp} (null: the producer's time). */
    public ProducerRecord<byte[], byte[]> toRecord(String deadLetterTopic, Long timestamp) {
        return new ProducerRecord<>(deadLetterTopic, null, timestamp, key, value, headers());
    }

    private boolean replaced(String header) {
        return header.equals(Topics.HEADER_DLQ_REASON) || header.equals(Topics.HEADER_DLQ_DETAIL)
                || header.equals(Topics.HEADER_SOURCE_TOPIC)
                || (appId.isPresent() && header.equals(Topics.HEADER_APP_ID));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
