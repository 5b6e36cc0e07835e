package dev.sieve.process.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.process.ProcessApp;
import dev.sieve.runtime.ConfigReader;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.StreamsApp;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one application against the two, on one broker and the same input: the same purpose records (keys, values
 * with their pseudonyms, timestamps, headers) in the same order, and nothing written to the enriched topics.
 */
class ProcessMatchesTwoApplicationsIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final int EVENTS = 20;

    @TempDir
    Path dir;

    @Test
    void writesThePurposeRecordsEnrichAndAnonymizeWriteAndNoEnrichedRecord() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        Topics topics = new Topics(policy);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicApplier.apply(admin, topics.all(), 1, (short) 1);
        }
        for (int i = 0; i < EVENTS; i++) {
            for (EventFamily family : EventFamily.values()) {
                SpecificRecord event = event(family, i);
                Chain.send(KAFKA, topics.raw(family), "dev-" + (i % 7), event);
                if (i == 3) {
                    // A retried send: both drop the repeat.
                    Chain.send(KAFKA, topics.raw(family), "dev-" + (i % 7), event);
                }
            }
        }
        List<String> purposeTopics = new ArrayList<>();
        for (EventFamily family : EventFamily.values()) {
            purposeTopics.addAll(Chain.purposeTopics(policy, topics, family));
        }
        Map<String, String> env = Chain.keys(policy);

        Map<String, List<ConsumerRecord<byte[], byte[]>>> twoApps;
        try (StreamsApp anonymize = Chain.started(AnonymizeApp.create(AnonymizeApp.Settings.read(
                        new ConfigReader("test", Chain.settings(KAFKA, dir.resolve("anonymize")), env)), env));
                StreamsApp enrich = Chain.started(EnrichApp.create(EnrichApp.Settings.read(
                        new ConfigReader("test", Chain.settings(KAFKA, dir.resolve("enrich")), env))))) {
            twoApps = Chain.readAll(KAFKA, purposeTopics, EVENTS);
        }
        Map<TopicPartition, Long> enrichedEnds;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            enrichedEnds = enrichedEnds(admin, topics);
            // What the two applications passed through the enriched topics is gone, as retention would take it, so
            // that the one application, reading them as its replay entry, does not process those events again.
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            enrichedEnds.forEach((tp, end) -> delete.put(tp, RecordsToDelete.beforeOffset(end)));
            admin.deleteRecords(delete).all().get();
        }

        Map<String, List<ConsumerRecord<byte[], byte[]>>> both;
        try (StreamsApp process = Chain.started(ProcessApp.create(ProcessApp.Settings.read(
                new ConfigReader("test", Chain.settings(KAFKA, dir.resolve("process")), env)), env))) {
            both = Chain.readAll(KAFKA, purposeTopics, 2 * EVENTS);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
                assertThat(enrichedEnds(admin, topics)).as("nothing written to the enriched topics")
                        .isEqualTo(enrichedEnds);
            }
        }
        assertThat(purposeTopics).hasSizeGreaterThan(EventFamily.values().length);
        for (String topic : purposeTopics) {
            List<Written> first = written(twoApps.get(topic));
            List<Written> all = written(both.get(topic));
            assertThat(first).as(topic).hasSize(EVENTS);
            assertThat(all).as(topic).hasSize(2 * EVENTS);
            assertThat(all.subList(EVENTS, 2 * EVENTS)).as(topic).isEqualTo(first);
        }
    }

    private static SpecificRecord event(EventFamily family, int i) {
        SpecificRecord event = switch (family) {
            case DEVICE -> SampleEvents.device();
            case SOFTWARE -> SampleEvents.software();
            case IP -> SampleEvents.ip();
            case SERVICE_LOG -> SampleEvents.serviceLog();
            case COMMUNICATION_LOG -> SampleEvents.communicationLog();
        };
        var envelope = (dev.sieve.schemas.event.Envelope) event.get(
                event.getSchema().getField(EventFamily.ENVELOPE_FIELD).pos());
        envelope.setEventId("evt-" + family.id() + "-" + i);
        envelope.setDeviceId("dev-" + (i % 7));
        envelope.setSubjectId("user-" + (i % 5));
        return event;
    }

    private static Map<TopicPartition, Long> enrichedEnds(Admin admin, Topics topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (EventFamily family : EventFamily.values()) {
            latest.put(new TopicPartition(topics.enriched(family).name(), 0), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** A record as written: what a reader of the topic can tell apart. */
    private record Written(String key, String value, long timestamp, List<String> headers) {}

    private static List<Written> written(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Written> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            List<String> headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(h.key() + "=" + Arrays.toString(h.value()));
            }
            out.add(new Written(Arrays.toString(r.key()), Arrays.toString(r.value()), r.timestamp(), headers));
        }
        return out;
    }
}
