package dev.sieve.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.OlderProducer;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.serde.SchemaHistory;
import dev.sieve.testsupport.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events of every family, encoded by Sieve's serdes, through a real broker and back. */
class AvroEventsThroughKafkaIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private final Topics topics;

    AvroEventsThroughKafkaIT() throws Exception {
        topics = new Topics(PolicyLoader.loadDefault());
    }

    @Test
    void everyFamilyRoundTripsThroughItsRawTopic() throws Exception {
        List<SpecificRecord> sent = List.of(SampleEvents.device(), SampleEvents.software(), SampleEvents.ip(),
                SampleEvents.serviceLog(), SampleEvents.communicationLog());
        for (int i = 0; i < sent.size(); i++) {
            EventFamily family = EventFamily.values()[i];
            TopicSpec<String, SpecificRecord> raw = topics.raw(family);
            KAFKA.createTopic(raw.name(), 3);
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(KAFKA.producerProperties(),
                    raw.keySerde().serializer(), raw.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(raw.name(), "dev-5c1f", sent.get(i))).get();
            }
            assertThat(consume(raw, 1)).containsExactly(sent.get(i));
        }
    }

    @Test
    void aRecordFromAnOlderProducerIsReadAfterTheSchemaEvolved() throws Exception {
        TopicSpec<String, SpecificRecord> raw = topics.raw(EventFamily.DEVICE);
        String topic = raw.name() + ".evolution";
        KAFKA.createTopic(topic, 1);
        Schema v1 = SchemaHistory.versions(DeviceEvent.getClassSchema()).get(0);
        DeviceEvent current = SampleEvents.device();
        try (KafkaProducer<byte[], byte[]> oldProducer = new KafkaProducer<>(KAFKA.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            oldProducer.send(new ProducerRecord<>(topic, OlderProducer.encode(v1, current))).get();
        }
        current.setNetworkType(null);
        TopicSpec<String, SpecificRecord> evolved = new TopicSpec<>(topic, raw.keySerde(), raw.valueSerde(), false,
                raw.retention());
        assertThat(consume(evolved, 1)).containsExactly(current);
    }

    @Test
    void topicConfigsFromTheRegistryAreAcceptedByTheBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            List<NewTopic> specs = new ArrayList<>();
            for (TopicSpec<?, ?> t : List.of(topics.consent(), topics.deadLetter(Stage.SINK))) {
                specs.add(new NewTopic(t.name(), 1, (short) 1).configs(t.configs()));
            }
            admin.createTopics(specs).all().get();
            for (NewTopic t : specs) {
                KAFKA.awaitTopic(t.name(), 1);
            }
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, "sieve.dlq.sink");
            Config config = admin.describeConfigs(List.of(dlq)).all().get().get(dlq);
            assertThat(config.get("retention.ms").value()).isEqualTo("604800000");
            ConfigResource consent = new ConfigResource(ConfigResource.Type.TOPIC, "sieve.control.consent");
            assertThat(admin.describeConfigs(List.of(consent)).all().get().get(consent).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    private static <V> List<V> consume(TopicSpec<String, V> topic, int expected) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                KAFKA.consumerProperties("it-" + topic.name()), Serdes.String().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
