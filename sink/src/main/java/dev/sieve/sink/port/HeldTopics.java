package dev.sieve.sink.port;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Which purpose topics the writer must not store from now (their purpose is quarantined: the records wait in Kafka),
 * and where a release that discarded the held records left each partition. Read by the writer's thread while
 * another thread changes it.
 */
public interface HeldTopics {

    /** Nothing held, nothing discarded. */
    HeldTopics NONE = new HeldTopics() {
        @Override
        public long version() {
            return 0;
        }

        @Override
        public boolean held(String topic) {
            return false;
        }

        @Override
        public OptionalLong discardBefore(TopicPartition partition) {
            return OptionalLong.empty();
        }
    };

    /** Changes whenever what this answers may have changed, so the writer looks again only then. */
    long version();

    /** Whether the topic's records are held: none of them may be stored. */
    boolean held(String topic);

    /** The first offset of the partition that may be stored, when a release discarded what lies before it. */
    OptionalLong discardBefore(TopicPartition partition);
}
