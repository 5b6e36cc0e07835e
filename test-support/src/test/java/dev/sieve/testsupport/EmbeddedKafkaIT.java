package dev.sieve.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void idempotentProducerToConsumerGroup() throws Exception {
        KAFKA.createTopic("events", 3);
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(KAFKA.producerProperties())) {
            for (int i = 0; i < 20; i++) {
                String value = "event-" + i + " \"quoted\" é";
                producer.send(new ProducerRecord<>("events", "key-" + (i % 4), value)).get();
                sent.add("key-" + (i % 4) + "=" + value);
            }
        }

        List<ConsumerRecord<String, String>> received = consume("events", "group-a", sent.size());

        assertThat(received).extracting(r -> r.key() + "=" + r.value()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(received).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
    }

    @Test
    void readCommittedSeesOnlyCommittedTransactions() throws Exception {
        KAFKA.createTopic("tx-events", 1);
        Map<String, Object> props = KAFKA.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-producer");
        try (KafkaProducer<String, String> producer = producer(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-events", "k", "committed-1"));
            producer.send(new ProducerRecord<>("tx-events", "k", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-events", "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-events", "k", "committed-3"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> received = consume("tx-events", "group-tx", 3);

        assertThat(received).extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void brokerCanBeStoppedAndStartedOnTheSameAddress() throws Exception {
        KAFKA.createTopic("restart", 1);
        String bootstrap = KAFKA.bootstrapServers();
        send("restart", "before");
        assertThat(consume("restart", "group-restart", 1)).extracting(ConsumerRecord::value).containsExactly("before");

        KAFKA.stopBroker();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get()).isInstanceOf(ExecutionException.class);
        } finally {
            KAFKA.startBroker();
        }

        assertThat(KAFKA.bootstrapServers()).isEqualTo(bootstrap);
        send("restart", "after");
        // The group's committed offset survived the restart: only the new record is read.
        assertThat(consume("restart", "group-restart", 1)).extracting(ConsumerRecord::value).containsExactly("after");
    }

    private static void send(String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(KAFKA.producerProperties())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> props) {
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, String group, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KAFKA.consumerProperties(group), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            // One more poll proves nothing beyond the expected records is readable.
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            consumer.commitSync();
        }
        return received;
    }
}
