package dev.sieve.sink.write;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * Makes the batch boundaries survive a crash. Before inserting a partition's batch, the writer commits the
 * batch's first offset (which is the partition's position anyway) with metadata naming its last offset;
 * after the insert, it commits past the batch. A consumer that takes the partition over and finds an intent
 * rebuilds exactly that batch, whatever its thresholds say, so its inserts carry the same
 * {@link DedupToken}s and ClickHouse drops what was already stored.
 */
public final class CommitIntent {

    static final String PREFIX = "sieve-sink/intent-last=";

    private CommitIntent() {}

    public static OffsetAndMetadata intent(PartitionBatch batch) {
        return new OffsetAndMetadata(batch.firstOffset(), PREFIX + batch.lastOffset());
    }

    public static OffsetAndMetadata done(PartitionBatch batch) {
        return new OffsetAndMetadata(batch.lastOffset() + 1, "");
    }

    /** The last offset of the batch a committed intent names, if the commit is one. */
    public static OptionalLong lastOffset(OffsetAndMetadata committed) {
        String metadata = Optional.ofNullable(committed).map(OffsetAndMetadata::metadata).orElse("");
        if (!metadata.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(metadata.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
