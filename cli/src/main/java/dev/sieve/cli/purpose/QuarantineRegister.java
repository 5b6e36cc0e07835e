package dev.sieve.cli.purpose;

import dev.sieve.cli.CliFailure;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.QuarantineState;
import dev.sieve.schemas.topic.CompactedTopicFollower;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/** The latest state of every purpose on {@code sieve.control.quarantine}, read to the end the topic has now. */
public final class QuarantineRegister {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, PurposeQuarantine> latest;

    private QuarantineRegister(Map<String, PurposeQuarantine> latest) {
        this.latest = Map.copyOf(latest);
    }

    /** @throws CliFailure exit 1 when the topic cannot be read (missing: run {@code sieve topics apply}) */
    public static QuarantineRegister read(Map<String, Object> kafkaClient, TopicSpec<String, PurposeQuarantine> topic) {
        try {
            return new QuarantineRegister(CompactedTopicFollower.latest(kafkaClient, topic, TIMEOUT));
        } catch (TimeoutException | KafkaException e) {
            throw CliFailure.failed("cannot read the quarantined purposes: " + e.getMessage());
        }
    }

    /** The purpose's latest record when it is quarantined now. */
    public Optional<PurposeQuarantine> quarantine(String purpose) {
        return Optional.ofNullable(latest.get(purpose))
                .filter(q -> q.getState() == QuarantineState.QUARANTINED);
    }

    /** Every purpose quarantined now, the longest-standing first. */
    public List<PurposeQuarantine> quarantined() {
        return latest.values().stream().filter(q -> q.getState() == QuarantineState.QUARANTINED)
                .sorted(Comparator.comparing(PurposeQuarantine::getChangedAt)).toList();
    }
}
