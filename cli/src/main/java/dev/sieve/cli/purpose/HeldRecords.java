package dev.sieve.cli.purpose;

import dev.sieve.cli.CliFailure;
import dev.sieve.schemas.control.PartitionOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the records a quarantine held end: the last stable offset of every partition of the purpose's topics now
 * (what a {@code read_committed} reader can read, so an open transaction of anonymize is never cut in two). A
 * discarding release names these offsets, so what anonymize writes after it is stored as usual.
 */
final class HeldRecords {

    private HeldRecords() {}

    static List<PartitionOffset> end(Admin admin, List<String> topics) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            List<PartitionOffset> out = new ArrayList<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> out.add(new PartitionOffset(tp.topic(), tp.partition(), info.offset())));
            out.sort(Comparator.comparing(PartitionOffset::getTopic)
                    .thenComparing(PartitionOffset::getPartition));
            return out;
        } catch (ExecutionException e) {
            throw CliFailure.failed("cannot read where the purpose's topics end, nothing was released: "
                    + e.getCause().getMessage());
        }
    }
}
