package dev.sieve.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.ingest.config.Limits;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import dev.sieve.sdk.ClientStats;
import dev.sieve.sdk.CommunicationChannel;
import dev.sieve.sdk.CommunicationDirection;
import dev.sieve.sdk.Events;
import dev.sieve.sdk.ServiceAction;
import dev.sieve.sdk.SieveClient;
import dev.sieve.testsupport.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK through the collector into the raw topics of a real broker. */
class SdkToKafkaIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Instant EVENT_TIME = Instant.parse("2026-11-29T08:15:30.123Z");
    private static Collector collector;

    @BeforeAll
    static void start() throws Exception {
        TestBed.createTopics(KAFKA);
        collector = Collector.start(TestBed.config(KAFKA, Limits.defaults()));
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    private static SieveClient client() {
        return SieveClient.builder()
                .endpoint(URI.create("http://127.0.0.1:" + collector.port()))
                .apiKey(TestBed.API_KEY)
                .appId(TestBed.APP)
                .appVersion("4.2.1")
                .region("cn-north")
                .deviceId("dev-5c1f")
                .linger(Duration.ofMillis(20))
                .build();
    }

    private static Envelope envelope(String eventId, Instant received) {
        return Envelope.newBuilder().setEventId(eventId).setEventTime(EVENT_TIME).setReceivedTime(received)
                .setAppId(TestBed.APP).setAppVersion("4.2.1").setSdkVersion(SieveClient.SDK_VERSION)
                .setRegion("cn-north").setSubjectId("user-8812").setDeviceId("dev-5c1f").build();
    }

    @Test
    void everyFamilyArrivesInItsRawTopicWithEveryFieldIntact() throws Exception {
        Instant before = Instant.now().minusMillis(1);
        try (SieveClient client = client()) {
            client.send(Events.device().eventId("it-device").eventTime(EVENT_TIME).subjectId("user-8812")
                    .advertisingId("38400000-8cf0-11bd-b23e-10b96e40000d").uniqueDeviceIdentifier("356938035643809")
                    .deviceModel("Pixel 9").osName("Android").osVersion("16.0.1").batteryLevel(81)
                    .signalStrengthDbm(-87).networkType("5g").build());
            client.send(Events.software().eventId("it-software").eventTime(EVENT_TIME).subjectId("user-8812")
                    .softwareName("notes").softwareVersion("4.2.1").installSource("store")
                    .otherSoftware(List.of("com.example.chat", "com.example.bank")).build());
            client.send(Events.ip().eventId("it-ip").eventTime(EVENT_TIME).subjectId("user-8812")
                    .ipAddress("2001:db8:85a3::8a2e:370:7334").connectionType("wifi").carrier("Example Mobile").build());
            client.send(Events.serviceLog().eventId("it-service").eventTime(EVENT_TIME).subjectId("user-8812")
                    .action(ServiceAction.FAILURE).searchQuery("call \"alice\" \\ about 13800138000\n")
                    .pageUrl("https://app.example.com/notes/42?token=abc#top")
                    .referrerUrl("https://ads.example.net/c?utm_source=news&uid=77").failureCode("E_SYNC")
                    .failureMessage("sync failed: 数据 ✓").durationMs(412L).build());
            client.send(Events.communicationLog().eventId("it-comm").eventTime(EVENT_TIME).subjectId("user-8812")
                    .peerAccount("user-4471").channel(CommunicationChannel.VIDEO)
                    .direction(CommunicationDirection.INCOMING).startedAt(EVENT_TIME.minusSeconds(600))
                    .durationMs(183_000L).build());
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.stats()).isEqualTo(new ClientStats(5, 0, 0, 0, 0));
        }
        Instant after = Instant.now().plusMillis(1);

        Map<EventFamily, ConsumerRecord<String, SpecificRecord>> received = new LinkedHashMap<>();
        for (EventFamily family : EventFamily.values()) {
            List<ConsumerRecord<String, SpecificRecord>> records = TestBed.readRaw(KAFKA, family).stream()
                    .filter(r -> r.value().get(0) instanceof Envelope e && e.getEventId().startsWith("it-"))
                    .toList();
            assertThat(records).as(family.id()).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo("dev-5c1f");
            assertThat(TestBed.header(records.get(0), Topics.HEADER_CLIENT_ADDRESS))
                    .as("the address enrich derives coarse geography from").isEqualTo("127.0.0.1");
            received.put(family, records.get(0));
        }
        Instant receivedTime = ((Envelope) received.get(EventFamily.DEVICE).value().get(0)).getReceivedTime();
        assertThat(receivedTime).isBetween(before, after);

        assertThat(received.get(EventFamily.DEVICE).value()).isEqualTo(DeviceEvent.newBuilder()
                .setEnvelope(envelope("it-device", receivedTime))
                .setAdvertisingId("38400000-8cf0-11bd-b23e-10b96e40000d").setUniqueDeviceIdentifier("356938035643809")
                .setDeviceModel("Pixel 9").setOsName("Android").setOsVersion("16.0.1").setBatteryLevel(81)
                .setSignalStrengthDbm(-87).setNetworkType("5g").build());
        assertThat(received.get(EventFamily.SOFTWARE).value()).isEqualTo(SoftwareEvent.newBuilder()
                .setEnvelope(envelope("it-software", receivedTime(received, EventFamily.SOFTWARE)))
                .setSoftwareName("notes").setSoftwareVersion("4.2.1").setInstallSource("store")
                .setOtherSoftware(List.of("com.example.chat", "com.example.bank")).build());
        assertThat(received.get(EventFamily.IP).value()).isEqualTo(IpEvent.newBuilder()
                .setEnvelope(envelope("it-ip", receivedTime(received, EventFamily.IP)))
                .setIpAddress("2001:db8:85a3::8a2e:370:7334").setConnectionType("wifi").setCarrier("Example Mobile")
                .build());
        assertThat(received.get(EventFamily.SERVICE_LOG).value()).isEqualTo(ServiceLogEvent.newBuilder()
                .setEnvelope(envelope("it-service", receivedTime(received, EventFamily.SERVICE_LOG)))
                .setAction(dev.sieve.schemas.event.ServiceAction.FAILURE)
                .setSearchQuery("call \"alice\" \\ about 13800138000\n")
                .setPageUrl("https://app.example.com/notes/42?token=abc#top")
                .setReferrerUrl("https://ads.example.net/c?utm_source=news&uid=77").setFailureCode("E_SYNC")
                .setFailureMessage("sync failed: 数据 ✓").setDurationMs(412L).build());
        assertThat(received.get(EventFamily.COMMUNICATION_LOG).value()).isEqualTo(CommunicationLogEvent.newBuilder()
                .setEnvelope(envelope("it-comm", receivedTime(received, EventFamily.COMMUNICATION_LOG)))
                .setPeerAccount("user-4471").setChannel(dev.sieve.schemas.event.CommunicationChannel.VIDEO)
                .setDirection(dev.sieve.schemas.event.CommunicationDirection.INCOMING)
                .setStartedAt(EVENT_TIME.minusSeconds(600)).setDurationMs(183_000L).build());
    }

    @Test
    void eachDevicesEventsArriveInTheOrderTheyWereSent() throws Exception {
        List<String> devices = List.of("order-a", "order-b", "order-c");
        Map<String, List<Long>> sent = new LinkedHashMap<>();
        try (SieveClient client = client()) {
            for (long i = 0; i < 300; i++) {
                String device = devices.get((int) (i % 3));
                client.send(Events.serviceLog().deviceId(device).action(ServiceAction.VIEW).durationMs(i).build());
                sent.computeIfAbsent(device, d -> new ArrayList<>()).add(i);
            }
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.stats().sent()).isEqualTo(300);
        }

        Map<String, List<Long>> arrived = TestBed.readRaw(KAFKA, EventFamily.SERVICE_LOG).stream()
                .filter(r -> devices.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new,
                        Collectors.mapping(r -> ((ServiceLogEvent) r.value()).getDurationMs(), Collectors.toList())));
        assertThat(arrived).isEqualTo(sent);
    }

    @Test
    void aBatchSentAgainLandsEachEventInThePartitionOfItsFirstCopySoEnrichSeesBoth() throws Exception {
        // What the SDK does when an answer was lost: the same batch again. Enrich's de-duplication relies on
        // both copies of an event sharing a partition (the key does not change), hence a task and its store.
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add("{'family':'ip','event':{'envelope':{'event_id':'again-" + i + "','event_time':"
                    + "'2026-11-29T08:15:30Z','app_id':'notes','app_version':'1','sdk_version':'1',"
                    + "'region':'cn-north'" + (i % 3 == 0 ? "" : ",'device_id':'dev-again-" + i + "'")
                    + "},'ip_address':'192.0.2.1'}}");
        }
        String batch = TestBed.json("{'events':[" + String.join(",", items) + "]}");
        assertThat(TestBed.postEvents(collector.port(), batch).statusCode()).isEqualTo(200);
        assertThat(TestBed.postEvents(collector.port(), batch).statusCode()).isEqualTo(200);

        Map<String, List<Integer>> partitions = TestBed.readRaw(KAFKA, EventFamily.IP).stream()
                .filter(r -> ((Envelope) r.value().get(0)).getEventId().startsWith("again-"))
                .collect(Collectors.groupingBy(r -> ((Envelope) r.value().get(0)).getEventId(),
                        Collectors.mapping(ConsumerRecord::partition, Collectors.toList())));
        assertThat(partitions).hasSize(12);
        assertThat(partitions.values()).allSatisfy(p -> assertThat(p).hasSize(2).containsOnly(p.get(0)));
        assertThat(partitions.values().stream().map(p -> p.get(0)).distinct().count())
                .as("the events spread over the topic's three partitions").isGreaterThan(1);
    }

    @Test
    void metricsCountByFixedTagsAndNeverNameAnIdentifier() throws Exception {
        try (SieveClient client = client()) {
            client.send(Events.ip().subjectId("user-metrics-8812").ipAddress("192.0.2.1").build());
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
        }
        HttpResponse<String> metrics = TestBed.get(collector.port(), "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("sieve_ingest_events_total{app=\"notes\",endpoint=\"events\",family=\"ip\","
                        + "outcome=\"accepted\",reason=\"none\"}")
                .contains("sieve_ingest_requests_total{endpoint=\"events\",status=\"200\"}")
                .contains("sieve_ingest_batch_events_count{endpoint=\"events\"}")
                .contains("sieve_ingest_produce_seconds_count{outcome=\"acked\"}")
                .doesNotContain("user-metrics-8812", "192.0.2.1", "dev-5c1f");
        Set<String> labels = metrics.body().lines().filter(l -> l.startsWith("sieve_ingest"))
                .flatMap(l -> java.util.regex.Pattern.compile("(\\w+)=\"").matcher(l).results().map(m -> m.group(1)))
                .collect(Collectors.toSet());
        assertThat(labels).isSubsetOf("app", "endpoint", "family", "outcome", "reason", "status", "quantile");
    }

    @Test
    void healthProbesAnswer() throws Exception {
        assertThat(TestBed.get(collector.port(), "/health/live").body()).isEqualTo("{\"status\":\"live\"}");
        HttpResponse<String> ready = TestBed.get(collector.port(), "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    private static Instant receivedTime(Map<EventFamily, ConsumerRecord<String, SpecificRecord>> received,
            EventFamily family) {
        return ((Envelope) received.get(family).value().get(0)).getReceivedTime();
    }
}
