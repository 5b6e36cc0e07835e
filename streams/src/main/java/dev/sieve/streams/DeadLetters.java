package dev.sieve.streams;

import dev.sieve.schemas.topic.DeadLetter;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Dead letters in the Streams processor API: the record as read, its key and value bytes untouched, with the
 * headers of a {@link DeadLetter}. Details must be written by the caller without values.
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
        DeadLetter letter = new DeadLetter(original.key(), original.value(), original.headers(), reason, detail,
                Optional.of(sourceTopic), Optional.empty());
        return original.withHeaders(letter.headers());
    }
}
