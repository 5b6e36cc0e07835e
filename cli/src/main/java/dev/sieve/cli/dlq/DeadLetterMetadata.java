package dev.sieve.cli.dlq;

import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a dead letter says about itself, its contents left out: where it sits, when it was written, and the
 * {@code sieve.*} headers its stage wrote. The detail header names fields and rules, never values (every stage's
 * writer guarantees it), so all of this may be printed; the key, the value and any other header may not.
 *
 * @param partition    its partition of the dead-letter topic
 * @param offset       its offset there
 * @param time         the record's timestamp
 * @param reason       {@code sieve.dlq.reason}
 * @param detail       {@code sieve.dlq.detail}, empty when absent
 * @param app          {@code sieve.app.id}
 * @param sourceTopic  {@code sieve.source.topic}; the collector's dead letters have none (they never were in Kafka)
 * @param size         bytes of the value
 * @param replayedFrom {@code sieve.dlq.replayed-from}: the dead letter this one is the failed replay of
 */
record DeadLetterMetadata(int partition, long offset, Instant time, Optional<String> reason, String detail,
        Optional<String> app, Optional<String> sourceTopic, int size, Optional<String> replayedFrom) {

    static DeadLetterMetadata of(ConsumerRecord<byte[], byte[]> r) {
        Headers h = r.headers();
        return new DeadLetterMetadata(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                header(h, Topics.HEADER_DLQ_REASON), header(h, Topics.HEADER_DLQ_DETAIL).orElse(""),
                header(h, Topics.HEADER_APP_ID), header(h, Topics.HEADER_SOURCE_TOPIC),
                r.value() == null ? 0 : r.value().length, header(h, Topics.HEADER_REPLAYED_FROM));
    }

    /** Whether this is a replay of a record of {@code dlqTopic} that failed again: it is never replayed again. */
    boolean failedReplayOf(String dlqTopic) {
        return replayedFrom.filter(mark -> mark.startsWith(dlqTopic + ":")).isPresent();
    }

    private static Optional<String> header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty()
                : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }
}
