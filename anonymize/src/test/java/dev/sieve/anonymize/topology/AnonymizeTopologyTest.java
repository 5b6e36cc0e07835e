package dev.sieve.anonymize.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.PipelineDriver;
import dev.sieve.anonymize.pipeline.PipelineDriver.Output;
import dev.sieve.schemas.pseudonym.TestSalts;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.pseudonym.RotatingPseudonyms;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnonymizeTopologyTest {

    private final PipelineDriver pipeline = new PipelineDriver();

    AnonymizeTopologyTest() throws Exception {}

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void analyticsSeesExactlyWhatThePolicyKeepsInTheFormItSays() {
        pipeline.send(EventFamily.IP, "dev-5c1f", SampleEvents.ip());

        List<Output> out = pipeline.read("analytics", EventFamily.IP);
        assertThat(out).hasSize(1);
        GenericRecord r = out.get(0).value();
        // The event is from November, whose salt is destroyed by now (December 15): December's salt serves it.
        Rotation.Period december = Rotation.MONTH.periodOf(PipelineDriver.NOW);
        String devicePseudonym = new RotatingPseudonyms("analytics", Rotation.MONTH)
                .pseudonymize("dev-5c1f", TestSalts.key("analytics", december));
        assertThat(devicePseudonym).startsWith("m2026-12:");
        assertThat(r.getSchema().getFields()).extracting(f -> f.name()).containsExactly("event_id", "event_time",
                "app_id", "region", "device_id", "ip_address", "geo_country", "connection_type");
        assertThat(r.get("event_id")).isEqualTo(new RotatingPseudonyms("analytics", Rotation.MONTH)
                .pseudonymize("0b6c6f5e-0000-4000-8000-000000000003", TestSalts.key("analytics", december)));
        assertThat(r.get("event_time")).isEqualTo(Instant.parse("2026-11-29T08:00:00Z").toEpochMilli());
        assertThat(r.get("app_id")).isEqualTo("notes");
        assertThat(r.get("region")).isEqualTo("cn-north");
        assertThat(r.get("device_id")).isEqualTo(devicePseudonym);
        assertThat(r.get("ip_address")).isEqualTo("2001:db8:85a3::");
        assertThat(r.get("geo_country")).isEqualTo("CN");
        assertThat(r.get("connection_type")).isEqualTo("wifi");
        assertThat(out.get(0).key()).as("the key is the purpose's pseudonym, not the device id")
                .isEqualTo(devicePseudonym);
    }

    @Test
    void rawPurposesKeepIdentifiersAndTheKeyAsCollected() {
        pipeline.send(EventFamily.IP, "dev-5c1f", SampleEvents.ip());

        Output security = pipeline.read("security", EventFamily.IP).get(0);
        assertThat(security.key()).isEqualTo("dev-5c1f");
        assertThat(security.value().get("ip_address")).isEqualTo("2001:db8:85a3::8a2e:370:7334");
        assertThat(security.value().get("subject_id")).isEqualTo("user-8812");
        assertThat(security.value().get("geo_subdivision")).isEqualTo("SH");
    }

    @Test
    void outputRecordsCarryOnlyTheRegionHeader() {
        pipeline.send(EventFamily.DEVICE, "dev-5c1f", SampleEvents.device());

        for (List<Output> outputs : pipeline.readAll(EventFamily.DEVICE).values()) {
            for (Output o : outputs) {
                List<Header> headers = StreamSupport.stream(o.headers().spliterator(), false).toList();
                assertThat(headers).extracting(Header::key).containsExactly(Topics.HEADER_REGION);
                assertThat(new String(headers.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("cn-north");
            }
        }
    }

    @Test
    void everyPurposeTheFamilyFeedsGetsOneRecord() {
        pipeline.send(EventFamily.DEVICE, "dev-5c1f", SampleEvents.device());

        Map<String, List<Output>> all = pipeline.readAll(EventFamily.DEVICE);
        assertThat(all.keySet()).containsExactlyInAnyOrder("sieve.purpose.service.device",
                "sieve.purpose.personalization.device", "sieve.purpose.product_improvement.device",
                "sieve.purpose.security.device", "sieve.purpose.advertising.device",
                "sieve.purpose.ad_measurement.device", "sieve.purpose.software_management.device",
                "sieve.purpose.surveys.device", "sieve.purpose.analytics.device");
        assertThat(all.values()).allSatisfy(list -> assertThat(list).hasSize(1));
        GenericRecord product = all.get("sieve.purpose.product_improvement.device").get(0).value();
        assertThat(product.get("battery_level")).isEqualTo(80);
        assertThat(product.get("signal_strength_dbm")).isEqualTo(-90);
        assertThat(product.get("device_class")).isEqualTo("phone");
        GenericRecord analytics = all.get("sieve.purpose.analytics.device").get(0).value();
        assertThat(analytics.get("os_version")).isEqualTo("16");
        assertThat(analytics.get("app_version")).isEqualTo("4.2");
    }

    @Test
    void consentGrantedWithdrawnAndGrantedAgainMidStream() {
        String subject = Topics.subjectKey("user-8812");
        sendSearch("e-1");
        pipeline.consent(subject, consent("cross_service"));
        sendSearch("e-2");
        pipeline.consent(subject, consent());
        sendSearch("e-3");
        pipeline.consent(subject, consent("cross_service", "advertising"));
        sendSearch("e-4");

        assertThat(pipeline.read("cross_service", EventFamily.SERVICE_LOG)).extracting(o -> o.value().get("event_id"))
                .containsExactly(stored("cross_service", "e-2"), stored("cross_service", "e-4"));
        assertThat(pipeline.read("analytics", EventFamily.SERVICE_LOG)).as("purposes without consent are unaffected")
                .hasSize(4);
        assertThat(pipeline.count("sieve.anonymize.records", "purpose", "cross_service", "outcome",
                "suppressed_consent")).isEqualTo(2);
    }

    @Test
    void deviceConsentCountsWhenNoSubjectIsSignedIn() {
        pipeline.consent(Topics.deviceKey("dev-5c1f"), consent("cross_service"));
        ServiceLogEvent anonymous = SampleEvents.serviceLog();
        anonymous.getEnvelope().setSubjectId(null);
        pipeline.send(EventFamily.SERVICE_LOG, "dev-5c1f", anonymous);

        assertThat(pipeline.read("cross_service", EventFamily.SERVICE_LOG)).hasSize(1);
    }

    @Test
    void erasureMidStreamStopsEveryLaterEventOfTheSubjectInEveryPurpose() {
        sendSearch("before");
        pipeline.erase(pipeline.erasureList.subject("user-8812"), "req-1");
        sendSearch("after");
        ServiceLogEvent someoneElse = SampleEvents.serviceLog();
        someoneElse.getEnvelope().setEventId("other");
        someoneElse.getEnvelope().setSubjectId("user-0001");
        someoneElse.getEnvelope().setDeviceId("dev-0001");
        pipeline.send(EventFamily.SERVICE_LOG, "dev-0001", someoneElse);

        Map<String, List<Output>> all = pipeline.readAll(EventFamily.SERVICE_LOG);
        for (Map.Entry<String, List<Output>> e : all.entrySet()) {
            String purpose = e.getKey().split("[.]")[2];
            List<Object> ids = e.getValue().stream().map(o -> o.value().get("event_id")).toList();
            assertThat(ids).as(e.getKey()).doesNotContain(stored(purpose, "after"));
            if (!e.getKey().contains("cross_service")) { // needs consent, which user-0001 has not given
                assertThat(ids).as(e.getKey()).contains(stored(purpose, "before"), stored(purpose, "other"));
            }
        }
        assertThat(pipeline.count("sieve.anonymize.records", "purpose", "analytics", "outcome",
                "suppressed_erased")).isEqualTo(1);
    }

    @Test
    void erasureByDeviceStopsEventsOfThatDevice() {
        pipeline.erase(pipeline.erasureList.device("dev-5c1f"), "req-2");
        pipeline.send(EventFamily.IP, "dev-5c1f", SampleEvents.ip());

        assertThat(pipeline.readAll(EventFamily.IP).values()).allSatisfy(list -> assertThat(list).isEmpty());
    }

    @Test
    void anEntryUnderTheRawControlKeyErasesNothing() {
        // the list is read by keyed hash only: an old-style raw key must not be mistaken for an entry
        pipeline.erase(Topics.deviceKey("dev-5c1f"), "req-raw");
        pipeline.send(EventFamily.IP, "dev-5c1f", SampleEvents.ip());

        assertThat(pipeline.readAll(EventFamily.IP).values()).anySatisfy(list -> assertThat(list).isNotEmpty());
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicWithTheirOriginalBytes() {
        byte[] garbage = "{\"ip_address\":\"203.0.113.9\"}".getBytes(StandardCharsets.UTF_8);
        pipeline.sendRaw(EventFamily.IP, "k".getBytes(StandardCharsets.UTF_8), garbage);
        pipeline.sendEnriched(EventFamily.IP, null, garbage);

        TestRecord<byte[], byte[]> enrichDlq = pipeline.deadLetters(Stage.ENRICH).get(0);
        assertThat(enrichDlq.value()).isEqualTo(garbage);
        assertThat(enrichDlq.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(header(enrichDlq, Topics.HEADER_DLQ_REASON)).isEqualTo("undecodable");
        assertThat(header(enrichDlq, Topics.HEADER_DLQ_DETAIL)).isEqualTo("cannot read dev.sieve.schemas.event.IpEvent"
                + " from topic sieve.raw.ip: not in Avro single-object encoding (no C3 01 marker)");
        assertThat(header(enrichDlq, Topics.HEADER_SOURCE_TOPIC)).isEqualTo("sieve.raw.ip");
        TestRecord<byte[], byte[]> anonymizeDlq = pipeline.deadLetters(Stage.ANONYMIZE).get(0);
        assertThat(anonymizeDlq.value()).isEqualTo(garbage);
        assertThat(header(anonymizeDlq, Topics.HEADER_SOURCE_TOPIC)).isEqualTo("sieve.enriched.ip");
        assertThat(pipeline.readAll(EventFamily.IP).values()).allSatisfy(list -> assertThat(list).isEmpty());
    }

    @Test
    void anEventFromAnUnknownRegionIsDeadLetteredNotStoredElsewhere() {
        IpEvent foreign = SampleEvents.ip();
        foreign.getEnvelope().setRegion("alice@example.com");
        pipeline.send(EventFamily.IP, "dev-5c1f", foreign);
        pipeline.send(EventFamily.IP, "dev-5c1f", SampleEvents.ip());

        TestRecord<byte[], byte[]> dlq = pipeline.deadLetters(Stage.ENRICH).get(0);
        assertThat(header(dlq, Topics.HEADER_DLQ_REASON)).isEqualTo("unknown_region");
        assertThat(header(dlq, Topics.HEADER_DLQ_DETAIL))
                .isEqualTo("the region is not one of the policy's regions [cn-north, cn-east]");
        assertThat(pipeline.read("security", EventFamily.IP)).as("the stream keeps moving").hasSize(1);
    }

    /** A service-log event id sent by {@link #sendSearch} as the purpose stores it. */
    private String stored(String purpose, String eventId) {
        return pipeline.storedEventId(purpose, eventId, SampleEvents.serviceLog().getEnvelope().getEventTime());
    }

    private void sendSearch(String eventId) {
        ServiceLogEvent e = SampleEvents.serviceLog();
        e.getEnvelope().setEventId(eventId);
        pipeline.send(EventFamily.SERVICE_LOG, "dev-5c1f", e);
    }

    private static ConsentState consent(String... purposes) {
        return ConsentState.newBuilder().setSubjectId("user-8812").setPurposes(List.of(purposes))
                .setUpdatedAt(PipelineDriver.NOW).build();
    }

    private static String header(TestRecord<byte[], byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
