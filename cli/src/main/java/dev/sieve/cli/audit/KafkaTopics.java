package dev.sieve.cli.audit;

import dev.sieve.schemas.topic.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Reads the cluster's Sieve topics ({@value Topics#PREFIX}*) with the admin client; it changes nothing. */
final class KafkaTopics {

    private KafkaTopics() {}

    /** Every Sieve topic by name, with the effective values of the settings the policy decides. */
    static Map<String, LiveTopic> read(Admin admin) throws ExecutionException, InterruptedException {
        List<String> names = admin.listTopics().names().get().stream().filter(n -> n.startsWith(Topics.PREFIX))
                .sorted().toList();
        Map<String, LiveTopic> out = new TreeMap<>();
        if (names.isEmpty()) {
            return out;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        Collection<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        for (String name : names) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            out.put(name, new LiveTopic(name, descriptions.get(name).partitions().size(),
                    config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(),
                    Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value())));
        }
        return out;
    }
}
