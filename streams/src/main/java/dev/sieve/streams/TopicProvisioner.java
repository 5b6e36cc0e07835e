package dev.sieve.streams;

import dev.sieve.schemas.topic.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of the registry that do not exist yet, with the registry's cleanup policy and retention.
 * Existing topics are left as they are: changing them is an operator's decision.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {}

    /** @return the names of the topics it created */
    public static List<String> createMissing(Admin admin, List<TopicSpec<?, ?>> topics, int partitions,
            short replicationFactor) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec<?, ?> t : topics) {
            if (!existing.contains(t.name())) {
                missing.add(new NewTopic(t.name(), partitions, replicationFactor).configs(t.configs()));
            }
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another instance was quicker: fine
                throw e;
            }
        }
        return missing.stream().map(NewTopic::name).toList();
    }
}
