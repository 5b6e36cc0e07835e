package dev.sieve.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.testsupport.EmbeddedKafka;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry applied to a real broker: created, then left alone, then brought up to a changed policy. */
class TopicApplierIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void createsThenChangesNothingThenFollowsThePolicy() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        List<TopicSpec<?, ?>> topics = new Topics(policy).all();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            List<String> first = TopicApplier.apply(admin, topics, 1, (short) 1);
            assertThat(first).hasSize(topics.size()).contains(
                    "created sieve.raw.device (1 partitions, {cleanup.policy=delete, retention.ms=259200000,"
                            + " segment.ms=259200000})",
                    "created sieve.control.consent (1 partitions, {cleanup.policy=compact})");
            assertThat(config(admin, "sieve.dlq.sink", "retention.ms")).isEqualTo("604800000");

            waitUntilListed(admin, topics);
            assertThat(TopicApplier.apply(admin, topics, 1, (short) 1)).as("a second run").isEmpty();

            Policy shorter = PolicyLoader.load("next.yaml", new StringReader(defaultText().replace("  dlq: 7d", "  dlq: 2d")));
            List<String> second = TopicApplier.apply(admin, new Topics(shorter).all(), 2, (short) 1);
            assertThat(second).contains("sieve.dlq.sink: retention.ms 604800000 -> 172800000",
                    "sieve.dlq.sink: segment.ms 604800000 -> 172800000", "sieve.raw.device: partitions 1 -> 2");
            assertThat(second).filteredOn(l -> l.contains("retention.ms")).hasSize(4);
            assertThat(second).filteredOn(l -> l.contains("segment.ms")).hasSize(4);
            assertThat(second).filteredOn(l -> l.contains("partitions 1 -> 2")).hasSize(topics.size());
            assertThat(eventually(admin, "sieve.dlq.sink", "retention.ms", "172800000")).isEqualTo("172800000");
            assertThat(admin.describeTopics(List.of("sieve.raw.device")).allTopicNames().get()
                    .get("sieve.raw.device").partitions()).hasSize(2);
        }
    }

    private static String config(Admin admin, String topic, String key) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(r)).all().get().get(r).get(key).value();
    }

    /** New topics reach every broker's metadata a moment after creation returns. */
    private static void waitUntilListed(Admin admin, List<TopicSpec<?, ?>> topics) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!admin.listTopics().names().get().containsAll(topics.stream().map(TopicSpec::name).toList())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Config changes reach the broker's view through the metadata log, a moment after the call returns. */
    private static String eventually(Admin admin, String topic, String key, String expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String value = config(admin, topic, key);
        while (!expected.equals(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = config(admin, topic, key);
        }
        return value;
    }

    private static String defaultText() throws Exception {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_POLICY_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
