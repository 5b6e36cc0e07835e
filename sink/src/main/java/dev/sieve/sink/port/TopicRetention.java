package dev.sieve.sink.port;

import java.time.Duration;

/** Sets a Kafka topic's {@code retention.ms}. */
public interface TopicRetention {

    void set(String topic, Duration retention);
}
