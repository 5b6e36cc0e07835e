package dev.sieve.cli.dlq;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What replaying one dead letter comes to. */
sealed interface ReplayOutcome {

    /**
     * Records to produce: the dead letter's replays to the topics that process them again, and, when the replay
     * itself judges (the collector's dead letters), the parts that still fail as dead letters again.
     *
     * @param replays     records for the topics they are replayed to
     * @param failedAgain new dead letters, marked as failed replays so they are never replayed again
     */
    record Produce(List<ProducerRecord<byte[], byte[]>> replays, List<FailedAgain> failedAgain)
            implements ReplayOutcome {
        public Produce {
            replays = List.copyOf(replays);
            failedAgain = List.copyOf(failedAgain);
        }
    }

    /**
     * A part of a dead letter that fails again when replayed.
     *
     * @param reason     why, in the stage's vocabulary
     * @param deadLetter the new dead letter for the stage's dead-letter topic
     */
    record FailedAgain(String reason, ProducerRecord<byte[], byte[]> deadLetter) {
        public FailedAgain {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(deadLetter, "deadLetter");
        }
    }

    /**
     * Not replayable: nothing is produced and the dead letter stays where it is (until the dead-letter topic's
     * retention), counted under {@code why}.
     *
     * @param why a sentence naming topics, apps or reasons, never a record's contents
     */
    record Left(String why) implements ReplayOutcome {
        public Left {
            Objects.requireNonNull(why, "why");
        }
    }
}
