package dev.sieve.cli.dlq;

import dev.sieve.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Replays the dead letters of a stage that reads Kafka (enrich, anonymize, sink) to the topic they were read
 * from ({@code sieve.source.topic}): the original key, value, timestamp and headers, the dead-letter headers
 * taken off and {@code sieve.dlq.replayed-from} put on, so the stage sees the record exactly as the first time
 * and, if it fails again, its new dead letter says it was a replay.
 *
 * <p>Only the stage's own input topics of the current policy are replay targets. A dead letter read from a
 * control topic (a rejected retention change or erasure request) is a request to re-issue, not to replay: replayed
 * into a compacted control topic it could override a newer request.
 */
final class SourceTopicRoute implements ReplayRoute {

    private static final Set<String> DEAD_LETTER_HEADERS = Set.of(Topics.HEADER_DLQ_REASON, Topics.HEADER_DLQ_DETAIL,
            Topics.HEADER_SOURCE_TOPIC, Topics.HEADER_APP_ID);

    private final String stage;
    private final Set<String> inputs;
    private final Set<String> policyTopics;
    private final ReplayGuard guard;

    /**
     * @param stage        the stage's id, for messages
     * @param inputs       the topics the stage reads records from under the current policy
     * @param policyTopics every topic of the current policy
     * @param guard        the last check before a record is replayed
     */
    SourceTopicRoute(String stage, Set<String> inputs, Set<String> policyTopics, ReplayGuard guard) {
        this.stage = stage;
        this.inputs = Set.copyOf(inputs);
        this.policyTopics = Set.copyOf(policyTopics);
        this.guard = guard;
    }

    @Override
    public ReplayOutcome route(ConsumerRecord<byte[], byte[]> deadLetter, String mark) {
        Optional<String> source = DeadLetterMetadata.of(deadLetter).sourceTopic();
        if (source.isEmpty()) {
            return new ReplayOutcome.Left("no " + Topics.HEADER_SOURCE_TOPIC + " header: the topic to replay to is"
                    + " unknown");
        }
        String topic = source.get();
        if (!policyTopics.contains(topic)) {
            return new ReplayOutcome.Left("source topic " + topic + " is not a topic of the current policy");
        }
        if (!inputs.contains(topic)) {
            return new ReplayOutcome.Left("source topic " + topic + " is not an input of stage " + stage
                    + " (a rejected control request is issued again, not replayed)");
        }
        Optional<String> refused = guard.refuse(topic, deadLetter.value());
        if (refused.isPresent()) {
            return new ReplayOutcome.Left(refused.get());
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : deadLetter.headers()) {
            if (!DEAD_LETTER_HEADERS.contains(h.key())) {
                headers.add(h);
            }
        }
        headers.add(Topics.HEADER_REPLAYED_FROM, mark.getBytes(StandardCharsets.UTF_8));
        return new ReplayOutcome.Produce(List.of(new ProducerRecord<>(topic, null, deadLetter.timestamp(),
                deadLetter.key(), deadLetter.value(), headers)), List.of());
    }
}
