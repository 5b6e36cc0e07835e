package dev.sieve.streams;

import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds dead-letter records: the original key and value bytes untouched, so nothing is lost and a replay is
 * exact, plus headers saying why and where from. Details must be written by the caller without values.
 */
public final class DeadLetters {

    private DeadLetters() {}

    /**
     * @param original    the record as read, bytes untouched
     * @param sourceTopic the topic it was read from
     * @param reason      why it is set aside
     * @param detail      operator-facing detail; never a field value
     */
    public static Record<byte[], byte[]> of(Record<byte[], byte[]> original, String sourceTopic,
            DeadLetterReason reason, String detail) {
        Headers headers = new RecordHeaders(original.headers().toArray());
        headers.remove(Topics.HEADER_DLQ_REASON);
        headers.remove(Topics.HEADER_DLQ_DETAIL);
        headers.remove(Topics.HEADER_SOURCE_TOPIC);
        headers.add(Topics.HEADER_DLQ_REASON, reason.id().getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.HEADER_DLQ_DETAIL, detail.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.HEADER_SOURCE_TOPIC, sourceTopic.getBytes(StandardCharsets.UTF_8));
        return original.withHeaders(headers);
    }
}
