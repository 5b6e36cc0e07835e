package dev.sieve.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.sdk.CommunicationChannel;
import dev.sieve.sdk.CommunicationDirection;
import dev.sieve.sdk.Events;
import dev.sieve.sdk.ServiceAction;
import dev.sieve.sdk.ServiceLogEventBuilder;
import dev.sieve.sdk.SieveClient;
import dev.sieve.sdk.SieveEvent;
import dev.sieve.testsupport.corpus.AdversarialCorpus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends events through the real SDK to the collector and remembers every one it sent. {@link #flush()} returns once
 * the collector answered every event sent so far; it fails the test if any was rejected or dropped, so what this
 * remembers is exactly what the pipeline accepted.
 */
final class Traffic implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();

    private final SieveClient client;
    private final String region;
    private final List<Sent> sent = new ArrayList<>();

    Traffic(String collectorUrl, String apiKey, String appId, String region) {
        this.region = region;
        this.client = SieveClient.builder().endpoint(URI.create(collectorUrl)).apiKey(apiKey).appId(appId)
                .appVersion("4.2.1").region(region).batchSize(50).linger(Duration.ofMillis(20)).build();
    }

    /** One event of every family for the person, happening now. */
    synchronized List<Sent> everyFamily(Person p, Set<String> consented) {
        List<Sent> out = new ArrayList<>();
        for (EventFamily family : EventFamily.values()) {
            out.add(send(family, p, Instant.now(), consented));
        }
        return out;
    }

    /** One event of {@code family} for the person, with the given event time. */
    synchronized Sent send(EventFamily family, Person p, Instant eventTime, Set<String> consented) {
        String eventId = "e2e-" + p.tag() + "-" + family.id() + "-" + IDS.incrementAndGet();
        Map<String, String> planted = new LinkedHashMap<>();
        planted.put("subject_id", p.subjectId());
        planted.put("device_id", p.deviceId());
        SieveEvent event = switch (family) {
            case DEVICE -> {
                planted.put("advertising_id", p.advertisingId());
                planted.put("unique_device_identifier", p.uniqueDeviceIdentifier());
                yield Events.device().advertisingId(p.advertisingId())
                        .uniqueDeviceIdentifier(p.uniqueDeviceIdentifier()).deviceModel("Pixel 9").osName("Android")
                        .osVersion("16.0.1").batteryLevel(40 + p.n()).networkType("wifi")
                        .eventId(eventId).eventTime(eventTime).subjectId(p.subjectId()).deviceId(p.deviceId()).build();
            }
            case SOFTWARE -> Events.software().softwareName("notes").softwareVersion("4.2.1")
                    .installSource("play_store").otherSoftware(List.of("maps", "mail"))
                    .eventId(eventId).eventTime(eventTime).subjectId(p.subjectId()).deviceId(p.deviceId()).build();
            case IP -> {
                planted.put("ip_address", p.ipAddress());
                yield Events.ip().ipAddress(p.ipAddress()).connectionType("wifi").carrier("Example Mobile")
                        .eventId(eventId).eventTime(eventTime).subjectId(p.subjectId()).deviceId(p.deviceId()).build();
            }
            case SERVICE_LOG -> {
                planted.put("search_query", p.email());
                planted.put("page_url", p.subjectId());
                yield Events.serviceLog().action(ServiceAction.SEARCH)
                        .searchQuery("reset password for " + p.email())
                        .pageUrl("https://notes.example.com/u/" + p.subjectId() + "/settings?utm_source=mail&q=1")
                        .failureCode("E_TIMEOUT").durationMs(120L)
                        .eventId(eventId).eventTime(eventTime).subjectId(p.subjectId()).deviceId(p.deviceId()).build();
            }
            case COMMUNICATION_LOG -> {
                planted.put("peer_account", p.peerAccount());
                yield Events.communicationLog().peerAccount(p.peerAccount()).channel(CommunicationChannel.CALL)
                        .direction(CommunicationDirection.OUTGOING).startedAt(eventTime.minusSeconds(60))
                        .durationMs(60_000)
                        .eventId(eventId).eventTime(eventTime).subjectId(p.subjectId()).deviceId(p.deviceId()).build();
            }
        };
        assertThat(client.send(event)).as("the SDK queued the event").isTrue();
        Sent s = new Sent(family, eventId, p, eventTime, consented, planted);
        sent.add(s);
        return s;
    }

    /**
     * One service-log event carrying a case of the adversarial corpus in its field (the others as everywhere), sent
     * for the person, or as the case's own subject or device where the case is about the event's own identifiers.
     */
    synchronized Sent corpus(AdversarialCorpus.Case c, Person p, Instant eventTime) {
        String eventId = "e2e-" + p.tag() + "-corpus-" + IDS.incrementAndGet();
        String subjectId = c.subjectId().orElse(p.subjectId());
        String deviceId = c.deviceId().orElse(p.deviceId());
        ServiceLogEventBuilder b = Events.serviceLog().action(ServiceAction.SEARCH).failureCode("E_TIMEOUT")
                .eventId(eventId).eventTime(eventTime).subjectId(subjectId).deviceId(deviceId);
        switch (c.field()) {
            case "search_query" -> b.searchQuery(c.value());
            case "failure_message" -> b.failureMessage(c.value());
            case "page_url" -> b.pageUrl(c.value());
            case "referrer_url" -> b.referrerUrl(c.value());
            default -> throw new IllegalArgumentException("corpus case " + c.id() + ": no service-log field " + c.field());
        }
        assertThat(client.send(b.build())).as("the SDK queued the event").isTrue();
        Sent s = new Sent(EventFamily.SERVICE_LOG, eventId, p, eventTime, Set.of(),
                Map.of("subject_id", subjectId, "device_id", deviceId));
        sent.add(s);
        return s;
    }

    /** Waits until the collector answered everything sent; fails the test if anything was refused or lost. */
    void flush() {
        assertThat(client.flush(Duration.ofSeconds(60))).as("the collector answered every batch").isTrue();
        assertThat(client.stats().rejected()).as("events the collector rejected").isZero();
        assertThat(client.stats().dropped()).as("events the SDK dropped").isZero();
    }

    /** Records what enrich saw of a probe's consent, which is what the prediction must expect of it. */
    synchronized void consented(Sent probe, Set<String> consented) {
        sent.set(sent.indexOf(probe), new Sent(probe.family(), probe.eventId(), probe.person(), probe.eventTime(),
                consented, probe.planted()));
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    String region() {
        return region;
    }

    @Override
    public void close() {
        client.close();
    }
}
