package dev.sieve.benchmarks.scale;

import dev.sieve.anonymize.AnonymizeApp;
import dev.sieve.enrich.EnrichApp;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.Topics;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker holds, in bytes of log per hop of the pipeline: the size of every partition's log as the broker
 * reports it ({@code describeLogDirs}), so record batches, headers, compression and transaction markers all count,
 * as they count on a broker's disk and in replication. Sieve's topics are told apart by the topic registry
 * ({@link Topics}); Kafka's and Kafka Streams' internal topics by the names those give them.
 */
final class TopicBytes {

    /** The hops of an event through the broker, and what else the pipeline writes there. */
    enum Hop {
        RAW("raw topics (collector -> enrich)"),
        ENRICHED("enriched topics (enrich -> anonymize)"),
        PURPOSE("purpose topics (anonymize -> sink)"),
        STREAMS_STATE("Kafka Streams state changelogs (enrich's de-duplication)"),
        KAFKA_INTERNAL("consumer offsets and transaction state"),
        DEAD_LETTERS("dead letters"),
        OTHER("control topics and anything else");

        final String label;

        Hop(String label) {
            this.label = label;
        }
    }

    private final Map<String, Hop> hops = new HashMap<>();
    private final Admin admin;

    TopicBytes(Admin admin, Policy policy) {
        this.admin = admin;
        Topics topics = new Topics(policy);
        for (EventFamily f : EventFamily.values()) {
            hops.put(topics.raw(f).name(), Hop.RAW);
            hops.put(topics.enriched(f).name(), Hop.ENRICHED);
        }
        for (Purpose p : policy.purposes().values()) {
            p.families().keySet().forEach(f -> hops.put(topics.purpose(p, f).name(), Hop.PURPOSE));
        }
        for (Stage s : Stage.values()) {
            hops.put(topics.deadLetter(s).name(), Hop.DEAD_LETTERS);
        }
    }

    /** Bytes of log by hop now, over every partition of every topic on every broker. */
    Map<Hop, Long> now() throws ExecutionException, InterruptedException {
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        Map<Hop, Long> bytes = new EnumMap<>(Hop.class);
        for (Hop h : Hop.values()) {
            bytes.put(h, 0L);
        }
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
                    bytes.merge(hop(r.getKey().topic()), r.getValue().size(), Long::sum);
                }
            }
        }
        return bytes;
    }

    /** Bytes per event each hop gained between two readings. */
    static Map<Hop, Double> perEvent(Map<Hop, Long> before, Map<Hop, Long> after, long events) {
        Map<Hop, Double> out = new EnumMap<>(Hop.class);
        after.forEach((hop, bytes) -> out.put(hop, (bytes - before.getOrDefault(hop, 0L)) / (double) events));
        return out;
    }

    private Hop hop(String topic) {
        Hop known = hops.get(topic);
        if (known != null) {
            return known;
        }
        if (topic.equals("__consumer_offsets") || topic.equals("__transaction_state")) {
            return Hop.KAFKA_INTERNAL;
        }
        // Kafka Streams names its internal topics <application.id>-<store>-changelog (or -repartition).
        if (topic.startsWith(EnrichApp.DEFAULT_APPLICATION_ID + "-")
                || topic.startsWith(AnonymizeApp.DEFAULT_APPLICATION_ID + "-")) {
            return Hop.STREAMS_STATE;
        }
        return Hop.OTHER;
    }
}
