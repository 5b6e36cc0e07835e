package dev.sieve.cli.scan;

import dev.sieve.anonymize.projection.EventView;
import dev.sieve.anonymize.projection.PurposeProjection;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.pseudonym.TestSalts;
import dev.sieve.sink.fixture.Batches;
import dev.sieve.sink.fixture.RecordingDeadLetters;
import dev.sieve.sink.fixture.TestKeys;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.model.TableLayout;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.Retrying;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * The normal path into the tables: one sample event of each family, its free text and URLs full of identifiers,
 * through the anonymizer's projections ({@link Projections}, the policy's actions with the scrubber) and the sink's
 * writer, into every purpose table.
 */
public final class AnonymizedRows {

    /** Identifiers the scrubber must take out of free text and URLs. */
    static final String DIRTY_TEXT = "call alice@example.com or +86 138 0013 8000, card 4111 1111 1111 1111,"
            + " token=8f1c2e9a7b6d5c4e3f2a1b0c";
    static final String DIRTY_URL = "https://app.example.com/account/alice@example.com/notes/84729301?token=abc"
            + "&utm_source=news#top";

    private AnonymizedRows() {}

    /** Writes the events of each subject, anonymized, at {@code now}, to the region's tables. */
    public static void write(TableCatalog catalog, RegionStores stores, Instant now, List<String> subjects)
            throws Exception {
        Policy policy = catalog.policy();
        Projections projections = new Projections(policy, TestKeys.rings(policy), Duration.ofDays(1),
                TestSalts.current(policy, now));
        BatchWriter writer = new BatchWriter(catalog, stores, TestKeys.keyRings(policy), new RecordingDeadLetters(),
                new Retrying(Retrying.DEFAULT_POLICY, d -> { }, SinkMetrics.inMemory()), SinkMetrics.inMemory(),
                Clock.fixed(now, ZoneOffset.UTC));
        Map<TableLayout, List<GenericRecord>> byTable = new LinkedHashMap<>();
        int n = 0;
        for (String subject : subjects) {
            for (Map.Entry<EventFamily, SpecificRecord> e : events(subject, now, n++).entrySet()) {
                EventView view = new EventView(e.getKey(), e.getValue());
                for (PurposeProjection p : projections.of(e.getKey())) {
                    TableLayout t = catalog.table(p.purpose().tableName(e.getKey())).orElseThrow();
                    byTable.computeIfAbsent(t, k -> new ArrayList<>()).add(p.project(view, now));
                }
            }
        }
        byTable.forEach((t, rows) -> writer.write(Batches.of(catalog, t, 0, 0, rows, "cn-north")));
    }

    private static Map<EventFamily, SpecificRecord> events(String subject, Instant at, int n) {
        Map<EventFamily, SpecificRecord> events = new LinkedHashMap<>();
        events.put(EventFamily.DEVICE, DeviceEvent.newBuilder(SampleEvents.device())
                .setEnvelope(envelope(subject, at, n, 1)).build());
        events.put(EventFamily.SOFTWARE, SoftwareEvent.newBuilder(SampleEvents.software())
                .setEnvelope(envelope(subject, at, n, 2)).build());
        events.put(EventFamily.IP, IpEvent.newBuilder(SampleEvents.ip()).setEnvelope(envelope(subject, at, n, 3))
                .build());
        events.put(EventFamily.SERVICE_LOG, ServiceLogEvent.newBuilder(SampleEvents.serviceLog())
                .setEnvelope(envelope(subject, at, n, 4)).setSearchQuery(DIRTY_TEXT).setPageUrl(DIRTY_URL)
                .setReferrerUrl(DIRTY_URL).setFailureCode("E42").setFailureMessage(DIRTY_TEXT).build());
        events.put(EventFamily.COMMUNICATION_LOG, CommunicationLogEvent.newBuilder(SampleEvents.communicationLog())
                .setEnvelope(envelope(subject, at, n, 5)).setStartedAt(at.minusSeconds(600)).build());
        return events;
    }

    private static Envelope envelope(String subject, Instant at, int n, int family) {
        return Envelope.newBuilder(SampleEvents.envelope("0b6c6f5e-0000-4000-8000-%012d".formatted(n * 10 + family)))
                .setSubjectId(subject).setDeviceId(subject + "-device").setEventTime(at)
                .setReceivedTime(at.plusMillis(250)).build();
    }
}
