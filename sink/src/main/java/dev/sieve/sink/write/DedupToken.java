package dev.sieve.sink.write;

import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The {@code insert_deduplication_token} of an insert: source topic, partition, the first and last offset of
 * the rows it carries, and the regions of those rows in name order, joined by {@code +} (region ids have no
 * {@code +}). One partition's rows of one region go into one insert, so the token is unique per table and endpoint,
 * whether regions have a ClickHouse each or share one; a batch with one region's rows has the token it had when the
 * sink inserted each region apart. The same records always yield the same token, so when the sink crashes after
 * ClickHouse acknowledged an insert but before the offsets were committed, the replay's insert is recognised
 * and dropped by ClickHouse. The writer makes the replay carry the same records: see {@link CommitIntent}.
 */
public final class DedupToken {

    private DedupToken() {}

    /** @param regions the regions of the rows, in any order */
    public static String of(String topic, int partition, long firstOffset, long lastOffset,
            Collection<String> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("an insert carries the rows of at least one region");
        }
        SortedSet<String> sorted = new TreeSet<>(regions);
        return "sieve-sink:" + topic + ":" + partition + ":" + firstOffset + "-" + lastOffset + ":"
                + String.join("+", sorted);
    }

    static String of(List<ConsumerRecord<byte[], byte[]>> rows, Collection<String> regions) {
        ConsumerRecord<byte[], byte[]> first = rows.get(0);
        return of(first.topic(), first.partition(), first.offset(), rows.get(rows.size() - 1).offset(), regions);
    }
}
