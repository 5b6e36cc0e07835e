package dev.sieve.sink.adapter;

import dev.sieve.sink.port.TopicRetention;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Topic retention through the Kafka admin client ({@code incrementalAlterConfigs}). */
public final class KafkaTopicRetention implements TopicRetention {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public KafkaTopicRetention(Admin admin) {
        this.admin = admin;
    }

    @Override
    public void set(String topic, Duration retention) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retention.toMillis())), AlterConfigOp.OpType.SET);
        call(() -> admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private interface Call<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the Kafka admin API", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Kafka admin API failed: " + cause.getMessage(), cause);
        }
    }
}
