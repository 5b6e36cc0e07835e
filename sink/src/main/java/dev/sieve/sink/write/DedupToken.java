package dev.sieve.sink.write;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The {@code insert_deduplication_token} of an insert: source topic, partition, the first and last offset of
 * the rows it carries, and the region (each region is its own ClickHouse, so the token only needs to be unique
 * per table and endpoint). The same records always yield the same token, so when the sink crashes after
 * ClickHouse acknowledged an insert but before the offsets were committed, the replay's insert is recognised
 * and dropped by ClickHouse. The writer makes the replay carry the same records: see {@link CommitIntent}.
 */
public final class DedupToken {

    private DedupToken() {}

    public static String of(String topic, int partition, long firstOffset, long lastOffset, String region) {
        return "sieve-sink:" + topic + ":" + partition + ":" + firstOffset + "-" + lastOffset + ":" + region;
    }

    static String of(List<ConsumerRecord<byte[], byte[]>> rows, String region) {
        ConsumerRecord<byte[], byte[]> first = rows.get(0);
        return of(first.topic(), first.partition(), first.offset(), rows.get(rows.size() - 1).offset(), region);
    }
}
