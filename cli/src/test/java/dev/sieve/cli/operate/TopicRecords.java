package dev.sieve.cli.operate;

import dev.sieve.testsupport.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads back the one record a command published, by the partition and offset Kafka acknowledged. */
public final class TopicRecords {

    private TopicRecords() {}

    public static ConsumerRecord<byte[], byte[]> at(EmbeddedKafka kafka, RecordMetadata sent) {
        TopicPartition tp = new TopicPartition(sent.topic(), sent.partition());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("read-back-"
                + System.nanoTime()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, sent.offset());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                Optional<ConsumerRecord<byte[], byte[]>> r = consumer.poll(Duration.ofMillis(200)).records(tp).stream()
                        .filter(x -> x.offset() == sent.offset()).findFirst();
                if (r.isPresent()) {
                    return r.get();
                }
            }
        }
        throw new AssertionError("no record at " + tp + " offset " + sent.offset());
    }
}
