package dev.sieve.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the dlq ITs do with the embedded broker: the deployment's topics, a sink configuration, whole-topic reads. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /** Every topic of the bundled policy, two partitions each, as an operator creates them. */
    static void apply(String bootstrap) {
        CliRun run = CliRun.of("topics", "apply", "--bootstrap-servers", bootstrap, "--partitions", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** A sink configuration for this broker; the ClickHouse endpoint is never contacted by the dlq commands. */
    static Path sinkConfig(Path dir, String bootstrap, String... moreLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of("kafka.bootstrap.servers=" + bootstrap,
                "clickhouse.region.cn-north.url=http://127.0.0.1:9"));
        lines.addAll(List.of(moreLines));
        return Files.writeString(dir.resolve("sink.properties"), String.join("\n", lines) + "\n");
    }

    static RecordMetadata send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Kafka did not take a test record", e);
        }
    }

    /** Every record of the topic, partition by partition; {@code committedOnly} reads as every Sieve stage does. */
    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, boolean committedOnly) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo i : c.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, i.partition()));
            }
            partitions.sort(Comparator.comparingInt(TopicPartition::partition));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            out.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return out;
        }
    }
}
