package dev.sieve.schemas.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes a Kafka cluster hold the topics of the registry: creates the missing ones, sets the cleanup policy and
 * retention the registry gives (the policy's), and adds partitions up to the requested count. It never deletes a
 * topic and never removes partitions (Kafka cannot, and keys would move). Running it twice changes nothing
 * the second time.
 */
public final class TopicApplier {

    private TopicApplier() {}

    /**
     * @param partitions        partitions of new topics, and the least an existing topic is brought to
     * @param replicationFactor replication of new topics
     * @return one line per change made, in registry order; empty when the cluster already matched
     */
    public static List<String> apply(Admin admin, List<TopicSpec<?, ?>> topics, int partitions,
            short replicationFactor) throws ExecutionException, InterruptedException {
        List<String> report = new ArrayList<>();
        Collection<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        List<TopicSpec<?, ?>> present = new ArrayList<>();
        for (TopicSpec<?, ?> t : topics) {
            if (existing.contains(t.name())) {
                present.add(t);
            } else {
                missing.add(new NewTopic(t.name(), partitions, replicationFactor).configs(t.configs()));
                report.add("created " + t.name() + " (" + partitions + " partitions, " + t.configs() + ")");
            }
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another instance was quicker: fine
                throw e;
            }
        }
        if (present.isEmpty()) {
            return report;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present.stream().map(TopicSpec::name)
                .toList()).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList()).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new LinkedHashMap<>();
        Map<String, NewPartitions> grow = new LinkedHashMap<>();
        for (TopicSpec<?, ?> t : present) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, t.name());
            List<AlterConfigOp> ops = new ArrayList<>();
            t.configs().forEach((key, wanted) -> {
                ConfigEntry current = configs.get(resource).get(key);
                String now = current == null ? null : current.value();
                if (!wanted.equals(now)) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                    report.add(t.name() + ": " + key + " " + now + " -> " + wanted);
                }
            });
            if (!ops.isEmpty()) {
                alter.put(resource, ops);
            }
            int have = descriptions.get(t.name()).partitions().size();
            if (have < partitions) {
                grow.put(t.name(), NewPartitions.increaseTo(partitions));
                report.add(t.name() + ": partitions " + have + " -> " + partitions);
            }
        }
        if (!alter.isEmpty()) {
            admin.incrementalAlterConfigs(alter).all().get();
        }
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get();
        }
        return report;
    }
}
