package dev.sieve.sink.adapter;

import dev.sieve.sink.port.TopicRetention;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Topic retention through the Kafka admin client ({@code incrementalAlterConfigs}). */
public final class KafkaTopicRetention implements TopicRetention {

    private final Admin admin;

    public KafkaTopicRetention(Admin admin) {
        this.admin = admin;
    }

    @Override
    public void set(String topic, Duration retention) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retention.toMillis())), AlterConfigOp.OpType.SET);
        AdminCall.run(() -> admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all()
                .get(AdminCall.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
}
