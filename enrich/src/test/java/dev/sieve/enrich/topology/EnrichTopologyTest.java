package dev.sieve.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.enrich.dedup.SeenEvents;
import dev.sieve.enrich.geo.RangeTableGeo;
import dev.sieve.enrich.normalize.Normalizer;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.serde.AvroSerde;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    private final Topics topics;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TopologyTestDriver driver;

    EnrichTopologyTest() throws Exception {
        topics = new Topics(PolicyLoader.loadDefault());
        EventEnricher enricher = new EventEnricher(PolicyLoader.loadDefault(), new Normalizer(Duration.ofMinutes(5)),
                RangeTableGeo.bundled());
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(EnrichTopology.build(topics, enricher, SeenEvents.DEFAULT_WINDOW, meters), p,
                NOW);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void deviceEventsAreNormalizedClassifiedAndCarryTheSubjectsConsent() {
        consent(Topics.subjectKey("user-8812"), "cross_service", "analytics");
        DeviceEvent raw = SampleEvents.device();
        raw.setDeviceModel("  Galaxy   Tab S9 ");
        raw.setOsName("ANDROID");
        raw.setOsVersion(" v14 (build 7)");
        raw.setNetworkType("WIFI");
        raw.getEnvelope().setRegion(" cn-east ");

        DeviceEvent out = (DeviceEvent) roundTrip(EventFamily.DEVICE, raw);

        assertThat(out.getDeviceModel()).isEqualTo("Galaxy Tab S9");
        assertThat(out.getOsName()).isEqualTo("Android");
        assertThat(out.getOsVersion()).isEqualTo("14");
        assertThat(out.getNetworkType()).isEqualTo("wifi");
        assertThat(out.getDeviceClass()).isEqualTo("tablet");
        assertThat(out.getEnvelope().getRegion()).isEqualTo("cn-east");
        assertThat(out.getEnvelope().getConsentedPurposes()).containsExactly("cross_service", "analytics");
        assertThat(out.getAdvertisingId()).as("identifiers pass untouched; anonymize decides")
                .isEqualTo("38400000-8cf0-11bd-b23e-10b96e40000d");
    }

    @Test
    void ipEventsGetCoarseGeographyAndCanonicalAddresses() {
        IpEvent raw = SampleEvents.ip();
        raw.setIpAddress(" 2001:DB8:0:0:0:0:0:1 ");
        IpEvent out = (IpEvent) roundTrip(EventFamily.IP, raw);

        assertThat(out.getIpAddress()).isEqualTo("2001:db8::1");
        assertThat(out.getEnvelope().getGeoCountry()).isEqualTo("CN");
        assertThat(out.getEnvelope().getGeoSubdivision()).isEqualTo("BJ");
    }

    @Test
    void everyFamilyGetsGeographyFromTheClientAddressWhichIsNotPassedOn() {
        TopicSpec<String, SpecificRecord> raw = topics.raw(EventFamily.DEVICE);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_CLIENT_ADDRESS, "198.51.100.23".getBytes(StandardCharsets.UTF_8));
        driver.createInputTopic(raw.name(), new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(
                new TestRecord<>("dev-5c1f".getBytes(StandardCharsets.UTF_8),
                        raw.valueSerde().serializer().serialize(raw.name(), SampleEvents.device()), headers, NOW));

        TopicSpec<String, SpecificRecord> enriched = topics.enriched(EventFamily.DEVICE);
        TestRecord<byte[], byte[]> out = driver.createOutputTopic(enriched.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecord();
        DeviceEvent device = (DeviceEvent) enriched.valueSerde().deserializer().deserialize(enriched.name(), out.value());
        assertThat(device.getEnvelope().getGeoCountry()).isEqualTo("CN");
        assertThat(device.getEnvelope().getGeoSubdivision()).isEqualTo("SH");
        assertThat(out.headers().toArray()).isEmpty();
    }

    @Test
    void anIpEventsOwnAddressWinsOverTheClientAddress() {
        IpEvent raw = SampleEvents.ip();
        raw.setIpAddress("192.0.2.10");
        TopicSpec<String, SpecificRecord> spec = topics.raw(EventFamily.IP);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_CLIENT_ADDRESS, "198.51.100.23".getBytes(StandardCharsets.UTF_8));
        driver.createInputTopic(spec.name(), new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(
                new TestRecord<>(null, spec.valueSerde().serializer().serialize(spec.name(), raw), headers, NOW));

        IpEvent out = (IpEvent) enriched(EventFamily.IP).get(0);
        assertThat(out.getEnvelope().getGeoSubdivision()).isEqualTo("BJ");
    }

    @Test
    void deviceConsentAppliesWhenNoSubjectIsSignedInAndNoConsentMeansNull() {
        consent(Topics.deviceKey("dev-5c1f"), "advertising");
        DeviceEvent anonymous = SampleEvents.device();
        anonymous.getEnvelope().setSubjectId(null);
        assertThat(((DeviceEvent) roundTrip(EventFamily.DEVICE, anonymous)).getEnvelope().getConsentedPurposes())
                .containsExactly("advertising");

        DeviceEvent stranger = SampleEvents.device();
        stranger.getEnvelope().setSubjectId("user-0002");
        stranger.getEnvelope().setDeviceId("dev-0002");
        stranger.getEnvelope().setEventId("0b6c6f5e-0000-4000-8000-0000000000ff"); // another event, not a retry
        assertThat(((DeviceEvent) roundTrip(EventFamily.DEVICE, stranger)).getEnvelope().getConsentedPurposes()).isNull();
    }

    @Test
    void aTombstoneOnTheConsentTopicWithdrawsEverything() {
        consent(Topics.subjectKey("user-8812"), "cross_service");
        driver.createInputTopic(topics.consent().name(), new StringSerializer(), new StringSerializer())
                .pipeInput(Topics.subjectKey("user-8812"), (String) null, NOW);

        assertThat(((DeviceEvent) roundTrip(EventFamily.DEVICE, SampleEvents.device())).getEnvelope()
                .getConsentedPurposes()).isNull();
    }

    @Test
    void aClockFarAheadIsCorrectedToTheReceiveTime() {
        DeviceEvent raw = SampleEvents.device();
        Envelope e = raw.getEnvelope();
        e.setReceivedTime(NOW);
        e.setEventTime(NOW.plus(Duration.ofHours(3)));
        assertThat(((DeviceEvent) roundTrip(EventFamily.DEVICE, raw)).getEnvelope().getEventTime()).isEqualTo(NOW);
    }

    @Test
    void aMissingReceiveTimeIsTakenFromTheKafkaRecord() {
        DeviceEvent raw = SampleEvents.device();
        raw.getEnvelope().setReceivedTime(null);
        assertThat(((DeviceEvent) roundTrip(EventFamily.DEVICE, raw)).getEnvelope().getReceivedTime()).isEqualTo(NOW);
    }

    @Test
    void badRecordsAreDeadLetteredAndCountedAndTheStreamGoesOn() {
        byte[] garbage = {1, 2, 3};
        driver.createInputTopic(topics.raw(EventFamily.SOFTWARE).name(), new ByteArraySerializer(),
                new ByteArraySerializer()).pipeInput(new TestRecord<>(null, garbage, null, NOW));
        DeviceEvent nowhere = SampleEvents.device();
        nowhere.getEnvelope().setRegion("mars");
        send(EventFamily.DEVICE, nowhere);
        send(EventFamily.DEVICE, SampleEvents.device());

        List<TestRecord<byte[], byte[]>> dlq = driver.createOutputTopic(topics.deadLetter(Stage.ENRICH).name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        assertThat(dlq).extracting(r -> new String(r.headers().lastHeader(Topics.HEADER_DLQ_REASON).value(),
                StandardCharsets.UTF_8)).containsExactly("undecodable", "unknown_region");
        assertThat(dlq.get(0).value()).isEqualTo(garbage);
        assertThat(enriched(EventFamily.DEVICE)).hasSize(1);
        assertThat(meters.find("sieve.enrich.records").tags("outcome", "dead_lettered").counters())
                .extracting(c -> c.count()).containsExactlyInAnyOrder(1.0, 1.0);
        assertThat(meters.find("sieve.enrich.records").tags("family", "device", "outcome", "enriched").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aRepeatOfAnEventWithinTheWindowIsDroppedAndCountedAfterItOrFromAnotherAppItPasses() {
        send(EventFamily.DEVICE, SampleEvents.device(), NOW);
        send(EventFamily.DEVICE, SampleEvents.device(), NOW.plusSeconds(90)); // the SDK's retry of a lost answer
        DeviceEvent otherApp = SampleEvents.device();
        otherApp.getEnvelope().setAppId("maps");
        send(EventFamily.DEVICE, otherApp, NOW.plusSeconds(91));
        send(EventFamily.DEVICE, SampleEvents.device(), NOW.plus(SeenEvents.DEFAULT_WINDOW).plusSeconds(1));

        assertThat(enriched(EventFamily.DEVICE)).extracting(e -> ((DeviceEvent) e).getEnvelope().getAppId())
                .containsExactly("notes", "maps", "notes");
        assertThat(meters.counter("sieve.duplicates.dropped", "family", "device").count()).isEqualTo(1.0);
        assertThat(meters.find("sieve.duplicates.dropped").counters()).as("tagged by family only")
                .allSatisfy(c -> assertThat(c.getId().getTags()).extracting(t -> t.getKey()).containsExactly("family"));
    }

    @Test
    void aDeadLetteredEventIsNotRememberedSoItsCorrectedResendPasses() {
        DeviceEvent unknownRegion = SampleEvents.device();
        unknownRegion.getEnvelope().setRegion("mars");
        send(EventFamily.DEVICE, unknownRegion, NOW);
        send(EventFamily.DEVICE, SampleEvents.device(), NOW.plusSeconds(5));

        assertThat(enriched(EventFamily.DEVICE)).hasSize(1);
        assertThat(meters.find("sieve.duplicates.dropped").counters()).isEmpty();
    }

    @Test
    void eventsWithABlankIdAreDeadLetteredNotTakenForRepeatsOfOneAnother() {
        DeviceEvent empty = SampleEvents.device();
        empty.getEnvelope().setEventId("");
        DeviceEvent spaces = SampleEvents.device();
        spaces.getEnvelope().setEventId(" \t ");
        DeviceEvent padded = SampleEvents.device();
        padded.getEnvelope().setEventId(" " + SampleEvents.device().getEnvelope().getEventId() + " ");
        send(EventFamily.DEVICE, empty, NOW);
        send(EventFamily.DEVICE, spaces, NOW.plusSeconds(1));
        send(EventFamily.DEVICE, SampleEvents.device(), NOW.plusSeconds(2));
        send(EventFamily.DEVICE, padded, NOW.plusSeconds(3));

        List<TestRecord<byte[], byte[]>> dlq = driver.createOutputTopic(topics.deadLetter(Stage.ENRICH).name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        assertThat(dlq).extracting(r -> new String(r.headers().lastHeader(Topics.HEADER_DLQ_REASON).value(),
                StandardCharsets.UTF_8)).containsExactly("missing_event_id", "missing_event_id");
        assertThat(dlq).extracting(r -> new String(r.headers().lastHeader(Topics.HEADER_DLQ_DETAIL).value(),
                StandardCharsets.UTF_8)).containsOnly("envelope.event_id is blank; repeats of the event could not be"
                        + " recognised");
        assertThat(enriched(EventFamily.DEVICE)).as("the id padded with white space is stored trimmed: a repeat")
                .hasSize(1);
        assertThat(meters.counter("sieve.duplicates.dropped", "family", "device").count()).isEqualTo(1.0);
    }

    private SpecificRecord roundTrip(EventFamily family, SpecificRecord event) {
        send(family, event);
        List<SpecificRecord> out = enriched(family);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private void send(EventFamily family, SpecificRecord event) {
        send(family, event, NOW);
    }

    /** @param at the raw record's timestamp: when the collector produced it */
    private void send(EventFamily family, SpecificRecord event, Instant at) {
        TopicSpec<String, SpecificRecord> raw = topics.raw(family);
        driver.createInputTopic(raw.name(), new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(
                new TestRecord<>("dev-5c1f".getBytes(StandardCharsets.UTF_8),
                        raw.valueSerde().serializer().serialize(raw.name(), event), null, at));
    }

    private List<SpecificRecord> enriched(EventFamily family) {
        TopicSpec<String, SpecificRecord> spec = topics.enriched(family);
        return driver.createOutputTopic(spec.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readValuesToList().stream()
                .map(v -> spec.valueSerde().deserializer().deserialize(spec.name(), v)).toList();
    }

    private void consent(String key, String... purposes) {
        driver.createInputTopic(topics.consent().name(), new StringSerializer(),
                AvroSerde.of(ConsentState.class).serializer()).pipeInput(key, ConsentState.newBuilder()
                .setPurposes(List.of(purposes)).setUpdatedAt(NOW).build(), NOW);
    }
}
