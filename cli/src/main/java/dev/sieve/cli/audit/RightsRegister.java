package dev.sieve.cli.audit;

import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.topic.CompactedTopicFollower;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** The latest state of every rights request, read from its compacted topic to the end it has now. */
final class RightsRegister {

    private RightsRegister() {}

    /**
     * Empty when the topic does not exist: {@link TopicAudit} reports a missing topic.
     *
     * @throws TimeoutException when the topic cannot be read to its end within {@code timeout}
     */
    static Collection<RightsRequest> read(Map<String, Object> kafkaClient, TopicSpec<String, RightsRequest> topic,
            Duration timeout) throws TimeoutException {
        try {
            return CompactedTopicFollower.latest(kafkaClient, topic, timeout).values();
        } catch (CompactedTopicFollower.MissingTopicException e) {
            return List.of();
        }
    }
}
