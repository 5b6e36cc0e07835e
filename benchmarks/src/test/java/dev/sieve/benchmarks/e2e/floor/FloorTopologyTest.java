package dev.sieve.benchmarks.e2e.floor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import dev.sieve.schemas.purpose.PurposeSerde;
import dev.sieve.schemas.serde.AvroSerde;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.model.Column;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class FloorTopologyTest {

    private final Policy policy = PolicyLoader.loadDefault();
    private final Topics topics = new Topics(policy);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<EventFamily, List<KeptProjection>> projections = KeptProjection.forPolicy(policy, p -> "k1");
    private final DeviceEvent event = SampleEvents.device();
    private final byte[] raw = AvroSerde.of(DeviceEvent.class).serializer().serialize("t", event);

    FloorTopologyTest() throws Exception {}

    @Test
    void enrichPassesTheCollectorsBytesOnWithoutItsHeaders() {
        try (TopologyTestDriver driver = driver(FloorTopology.enrich(topics, meters))) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.HEADER_CLIENT_ADDRESS, "203.0.113.9".getBytes(StandardCharsets.UTF_8));
            driver.createInputTopic(topics.raw(EventFamily.DEVICE).name(), new ByteArraySerializer(),
                    new ByteArraySerializer()).pipeInput(new TestRecord<>("dev-5c1f".getBytes(StandardCharsets.UTF_8),
                    raw, headers));

            List<TestRecord<byte[], byte[]>> out = read(driver, topics.enriched(EventFamily.DEVICE).name());
            assertThat(out).hasSize(1);
            assertThat(out.get(0).value()).isEqualTo(raw);
            assertThat(out.get(0).headers().toArray()).isEmpty();
            assertThat(count("sieve.enrich.records", "enriched")).isEqualTo(1);
        }
    }

    @Test
    void anonymizeFeedsEveryPurposeThatNeedsNoConsentTheEventAsCollected() {
        try (TopologyTestDriver driver = driver(FloorTopology.anonymize(topics, projections, meters))) {
            pipe(driver, topics.enriched(EventFamily.DEVICE).name());

            assertPurposeRecords(driver);
        }
    }

    @Test
    void oneApplicationGoesFromTheRawTopicStraightToThePurposes() {
        try (TopologyTestDriver driver = driver(FloorTopology.composed(topics, projections, meters))) {
            pipe(driver, topics.raw(EventFamily.DEVICE).name());

            assertPurposeRecords(driver);
            assertThat(count("sieve.enrich.records", "enriched")).isEqualTo(1);
        }
    }

    @Test
    void whatDoesNotDecodeIsCountedAsADeadLetterAndGoesNowhere() {
        try (TopologyTestDriver driver = driver(FloorTopology.anonymize(topics, projections, meters))) {
            driver.createInputTopic(topics.enriched(EventFamily.DEVICE).name(), new ByteArraySerializer(),
                    new ByteArraySerializer()).pipeInput(new byte[] {1, 2, 3});

            for (Purpose p : policy.purposesFor(EventFamily.DEVICE)) {
                assertThat(read(driver, topics.purpose(p, EventFamily.DEVICE).name())).isEmpty();
            }
            assertThat(count("sieve.anonymize.records", "dead_lettered")).isEqualTo(1);
        }
    }

    /**
     * One record per purpose without consent, none for the others; every value as collected (the event time to the
     * millisecond, not generalized), pseudonymized fields as same-form stand-ins under the purpose's key id.
     */
    private void assertPurposeRecords(TopologyTestDriver driver) {
        List<String> fed = new ArrayList<>();
        int standIns = 0;
        for (Purpose p : policy.purposesFor(EventFamily.DEVICE)) {
            List<TestRecord<byte[], byte[]>> out = read(driver, topics.purpose(p, EventFamily.DEVICE).name());
            if (p.consentRequired()) {
                assertThat(out).as(p.id()).isEmpty();
                continue;
            }
            fed.add(p.id());
            assertThat(out).as(p.id()).hasSize(1);
            assertThat(out.get(0).headers().toArray()).extracting(h -> h.key()).containsExactly(Topics.HEADER_REGION);
            Schema schema = projections.get(EventFamily.DEVICE).stream().filter(k -> k.purpose().equals(p))
                    .findFirst().orElseThrow().schema();
            GenericRecord r = new PurposeSerde(schema).deserializer().deserialize("t", out.get(0).value());
            for (Schema.Field f : schema.getFields()) {
                boolean pseudonymized = p.family(EventFamily.DEVICE).orElseThrow().fields().get(f.name()).action()
                        instanceof PseudonymizeAction;
                if (pseudonymized && r.get(f.name()) instanceof CharSequence) {
                    standIns++;
                    assertThat(r.get(f.name()).toString()).as(p.id() + "." + f.name()).startsWith("k1:")
                            .matches(Column.PSEUDONYM_REGEX);
                }
                if (f.name().equals("event_time")) {
                    assertThat(r.get(f.name())).isEqualTo(SampleEvents.EVENT_TIME.toEpochMilli());
                }
                if (f.name().equals("device_model")) {
                    assertThat(r.get(f.name()).toString()).isEqualTo(event.getDeviceModel());
                }
            }
        }
        assertThat(fed).isNotEmpty();
        assertThat(standIns).as("pseudonymized fields checked").isPositive();
        assertThat(count("sieve.anonymize.records", "emitted")).isEqualTo(fed.size());
    }

    /** Every family's and purpose's counter of the outcome, summed: the processors register theirs up front. */
    private double count(String meter, String outcome) {
        return meters.get(meter).tag("outcome", outcome).counters().stream().mapToDouble(Counter::count).sum();
    }

    private void pipe(TopologyTestDriver driver, String topic) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(raw);
    }

    private static List<TestRecord<byte[], byte[]>> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    private static TopologyTestDriver driver(Topology topology) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "floor-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(topology, p);
    }
}
