package dev.sieve.ingest.model;

import dev.sieve.schemas.contract.EventFamily;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** What the collector made of one event: a record for its raw topic, or a rejection for the dead-letter topic. */
public sealed interface EventOutcome {

    /** The family, when the event named a known one; for metric tags. */
    Optional<EventFamily> family();

    /**
     * A valid event, converted.
     *
     * @param eventFamily its family, deciding the topic
     * @param key         the partition key, so one device's (or subject's) events stay in order
     * @param record      the Avro record, {@code received_time} set
     */
    record Accepted(EventFamily eventFamily, String key, SpecificRecord record) implements EventOutcome {
        public Accepted {
            Objects.requireNonNull(eventFamily, "eventFamily");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(record, "record");
        }

        @Override
        public Optional<EventFamily> family() {
            return Optional.of(eventFamily);
        }
    }

    /**
     * An invalid event.
     *
     * @param family    its family, if it named a known one
     * @param rejection why
     * @param original  the event's bytes exactly as received, for the dead-letter topic
     */
    record Rejected(Optional<EventFamily> family, Rejection rejection, byte[] original) implements EventOutcome {
        public Rejected {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(original, "original");
        }
    }
}
