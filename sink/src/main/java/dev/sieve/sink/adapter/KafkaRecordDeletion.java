package dev.sieve.sink.adapter;

import dev.sieve.sink.port.RecordDeletion;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/** Record deletion through the Kafka admin client ({@code deleteRecords}: the log start moves up to the offset). */
public final class KafkaRecordDeletion implements RecordDeletion {

    private final Admin admin;

    public KafkaRecordDeletion(Admin admin) {
        this.admin = admin;
    }

    @Override
    public void deleteBefore(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        offsets.forEach((tp, offset) -> delete.put(tp, RecordsToDelete.beforeOffset(offset)));
        AdminCall.run(() -> admin.deleteRecords(delete).all().get(AdminCall.TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS));
    }
}
