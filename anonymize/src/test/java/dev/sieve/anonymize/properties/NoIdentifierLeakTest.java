package dev.sieve.anonymize.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.pipeline.PipelineDriver;
import dev.sieve.anonymize.pipeline.PipelineDriver.Output;
import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.contract.PrivacyClass;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.event.CommunicationChannel;
import dev.sieve.schemas.event.CommunicationDirection;
import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceAction;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.action.KeepAction;
import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;

/**
 * Random events with identifiers planted everywhere — in their own fields, in free text, in URLs (path,
 * query, credentials, fragment) and in the list of other software — run through both privacy topologies. No
 * identifier may come out of a purpose whose policy does not keep that very field as collected: not in a
 * value, not in the record key, not in a header.
 */
class NoIdentifierLeakTest {

    private static final AtomicLong EVENTS = new AtomicLong();

    private static PipelineDriver pipeline;

    @BeforeContainer
    static void start() throws Exception {
        pipeline = new PipelineDriver();
    }

    @AfterContainer
    static void stop() {
        pipeline.close();
    }

    /** The identifiers of one subject: distinct, long enough never to occur by chance in a pseudonym. */
    record Identity(String subject, String device, String advertising, String hardware, String peer, String ip,
            String email, String phone) {
        List<String> all() {
            return List.of(subject, device, advertising, hardware, peer, ip, email, phone);
        }
    }

    @Provide
    Arbitrary<Identity> identities() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofLength(9);
        Arbitrary<String> uuid = Arbitraries.create(() -> java.util.UUID.randomUUID().toString());
        Arbitrary<String> ipv4 = Combinators.combine(Arbitraries.integers().between(1, 223),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 254)).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> ipv6 = Arbitraries.integers().between(1, 0xffff).list().ofSize(8)
                .map(g -> String.join(":", g.stream().map(Integer::toHexString).toList()));
        Arbitrary<String> ip = Arbitraries.oneOf(ipv4, ipv6, ipv4.map(v4 -> "::ffff:" + v4));
        return Combinators.combine(digits, uuid, uuid, digits, digits, ip, Arbitraries.strings().alpha().ofLength(8))
                .as((d1, u1, u2, d2, d3, address, name) -> new Identity("user-" + d1, u1, u2, "IMEI" + d2,
                        "peer-" + d3, address, name.toLowerCase() + "@example.org", "+86 138 " + d3.substring(0, 4)
                                + " " + d3.substring(4, 8)));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('é', 'ß', '搜', '索', ' ', '-', '/').ofMaxLength(12);
    }

    @Property(tries = 150)
    void noIdentifierLeavesAPurposeThatDoesNotKeepIt(@ForAll("identities") Identity id, @ForAll("noise") String noise,
            @ForAll boolean consents, @ForAll boolean signedIn) {
        if (consents) {
            pipeline.consent(Topics.deviceKey(id.device()), ConsentState.newBuilder().setDeviceId(id.device())
                    .setPurposes(List.of("cross_service")).setUpdatedAt(PipelineDriver.NOW).build());
        }
        Envelope envelope = Envelope.newBuilder().setEventId("evt-" + noise.hashCode() + "-" + EVENTS.incrementAndGet()).setEventTime(PipelineDriver.NOW)
                .setAppId("notes").setAppVersion("4.2.1").setSdkVersion("0.1.0").setRegion("cn-east")
                .setSubjectId(signedIn ? id.subject() : null).setDeviceId(id.device()).build();
        String text = noise + " " + String.join(" , ", id.all()) + " " + noise;
        String url = "https://" + id.subject() + ":pw@shop.example.com/u/" + id.device() + "/" + id.email() + "?q="
                + id.phone().replace(' ', '+') + "&utm_source=" + id.advertising() + "#" + id.hardware();

        send(EventFamily.DEVICE, id, DeviceEvent.newBuilder().setEnvelope(copy(envelope))
                .setAdvertisingId(id.advertising()).setUniqueDeviceIdentifier(id.hardware())
                .setDeviceModel("Pixel " + noise).setOsName("Android").setOsVersion("16.0.1").setBatteryLevel(57)
                .setSignalStrengthDbm(-71).setNetworkType("wifi").build());
        send(EventFamily.SOFTWARE, id, SoftwareEvent.newBuilder().setEnvelope(copy(envelope)).setSoftwareName("notes")
                .setSoftwareVersion("4.2.1").setInstallSource("store").setOtherSoftware(List.of("com.chat." + id.subject(),
                        id.email())).build());
        send(EventFamily.IP, id, IpEvent.newBuilder().setEnvelope(copy(envelope)).setIpAddress(id.ip())
                .setConnectionType("wifi").setCarrier("Example").build());
        send(EventFamily.SERVICE_LOG, id, ServiceLogEvent.newBuilder().setEnvelope(copy(envelope))
                .setAction(ServiceAction.SEARCH).setSearchQuery(text).setPageUrl(url).setReferrerUrl(url)
                .setFailureCode("E42").setFailureMessage("failed for " + text).setDurationMs(1234L).build());
        send(EventFamily.COMMUNICATION_LOG, id, CommunicationLogEvent.newBuilder().setEnvelope(copy(envelope))
                .setPeerAccount(id.peer()).setChannel(CommunicationChannel.CALL)
                .setDirection(CommunicationDirection.INCOMING).setStartedAt(PipelineDriver.NOW).setDurationMs(61_000L)
                .build());
    }

    private void send(EventFamily family, Identity id, org.apache.avro.specific.SpecificRecord event) {
        pipeline.send(family, id.device(), event);
        for (Purpose purpose : pipeline.policy.purposesFor(family)) {
            List<String> forbidden = forbidden(purpose, family, id);
            for (Output out : pipeline.read(purpose.id(), family)) {
                List<String> texts = new ArrayList<>();
                texts.add(out.key() == null ? "" : out.key());
                for (Header h : out.headers()) {
                    texts.add(new String(h.value(), StandardCharsets.UTF_8));
                }
                collect(out.value(), texts);
                for (String value : forbidden) {
                    assertThat(texts).as("%s of %s leaked into %s", value, family.id(), purpose.id())
                            .noneMatch(t -> t.toLowerCase().contains(value.toLowerCase()));
                }
            }
        }
    }

    /**
     * Identifier values the purpose may not see: those of every direct identifier field it does not keep as
     * collected, and the e-mail and phone planted in text, which no field keeps as such.
     */
    private static List<String> forbidden(Purpose purpose, EventFamily family, Identity id) {
        Map<String, String> byField = Map.of("subject_id", id.subject(), "device_id", id.device(), "advertising_id",
                id.advertising(), "unique_device_identifier", id.hardware(), "peer_account", id.peer(), "ip_address",
                id.ip());
        Set<String> kept = new java.util.HashSet<>();
        purpose.family(family).ifPresent(rule -> {
            for (FieldRule r : rule.fields().values()) {
                ContractField f = family.fields().get(r.field());
                if (r.action() instanceof KeepAction && f.privacy() == PrivacyClass.DIRECT_IDENTIFIER) {
                    kept.add(byField.get(r.field()));
                }
            }
        });
        List<String> forbidden = new ArrayList<>();
        for (String v : byField.values()) {
            if (!kept.contains(v)) {
                forbidden.add(v);
            }
        }
        boolean rawText = purpose.family(family).map(rule -> rule.fields().values().stream().anyMatch(r ->
                r.action() instanceof KeepAction && (family.fields().get(r.field()).privacy() == PrivacyClass.FREE_TEXT
                        || family.fields().get(r.field()).kind() == dev.sieve.schemas.contract.FieldKind.URL
                        || family.fields().get(r.field()).kind() == dev.sieve.schemas.contract.FieldKind.STRING_LIST)))
                .orElse(false);
        if (!rawText) {
            forbidden.add(id.email());
            forbidden.add(id.phone());
        }
        if (!kept.isEmpty() && rawText) {
            forbidden.clear(); // a raw purpose that keeps free text as collected may see whatever was typed
        }
        return forbidden;
    }

    private static void collect(Object value, List<String> texts) {
        if (value instanceof GenericRecord r) {
            for (org.apache.avro.Schema.Field f : r.getSchema().getFields()) {
                collect(r.get(f.pos()), texts);
            }
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, texts));
        } else if (value != null) {
            texts.add(value.toString());
        }
    }

    private static Envelope copy(Envelope e) {
        return Envelope.newBuilder(e).build();
    }

    @Property(tries = 50)
    void pseudonymsAreStableWithinAnEpochAndDifferAcrossPurposes(@ForAll("identities") Identity id) {
        // Every event its own id: the pipeline drops a repeat of an id it forwarded (enrich's de-duplication).
        Envelope envelope = Envelope.newBuilder().setEventId("e-" + EVENTS.incrementAndGet())
                .setEventTime(Instant.parse("2026-12-10T10:00:00Z"))
                .setAppId("notes").setAppVersion("4.2.1").setSdkVersion("0.1.0").setRegion("cn-north")
                .setDeviceId(id.device()).build();
        DeviceEvent first = DeviceEvent.newBuilder().setEnvelope(copy(envelope)).setDeviceModel("Pixel 9")
                .setOsName("Android").setOsVersion("16").build();
        DeviceEvent second = DeviceEvent.newBuilder(first).setEnvelope(Envelope.newBuilder(envelope)
                .setEventId("e-" + EVENTS.incrementAndGet()).setEventTime(Instant.parse("2026-12-12T18:30:00Z"))
                .build()).build();
        pipeline.readAll(EventFamily.DEVICE); // nothing left over from other properties
        pipeline.send(EventFamily.DEVICE, id.device(), first);
        pipeline.send(EventFamily.DEVICE, id.device(), second);

        List<Output> analytics = pipeline.read("analytics", EventFamily.DEVICE);
        List<Output> product = pipeline.read("product_improvement", EventFamily.DEVICE);
        pipeline.readAll(EventFamily.DEVICE); // drain the other purposes
        assertThat(analytics).hasSize(2);
        assertThat(analytics.get(0).value().get("device_id")).isEqualTo(analytics.get(1).value().get("device_id"));
        assertThat(product.get(0).value().get("device_id")).isNotEqualTo(analytics.get(0).value().get("device_id"));
        assertThat(analytics.get(0).key()).isNotEqualTo(product.get(0).key());
    }
}
