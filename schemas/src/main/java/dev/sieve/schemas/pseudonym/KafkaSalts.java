package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.topic.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The live salts as the salt topic holds them, re-read when the last reading is older than {@code maxAge}:
 * what erasure, legal holds and subject access use to find a subject's rotating pseudonyms of the live periods.
 * The topic is tiny (a few salts per purpose after compaction), so a re-read costs milliseconds, and a salt the
 * keeper created after this process started is seen without a restart. Thread-safe.
 */
public final class KafkaSalts implements RotatingSalts, AutoCloseable {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, PeriodSalt> consumer;
    private final String topic;
    private final Duration maxAge;
    private final Clock clock;
    private RotatingSalts snapshot;
    private Instant readAt;

    /**
     * @param client bootstrap servers and client settings (TLS, SASL); no group is used
     */
    public KafkaSalts(Map<String, Object> client, TopicSpec<String, PeriodSalt> topic, Duration maxAge, Clock clock) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A missing salt topic is an error to report, not one to create with the broker's default (deleting) policy.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.topic = topic.name();
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Optional<PseudonymKey> salt(String purpose, String periodId) {
        return current().salt(purpose, periodId);
    }

    @Override
    public List<PseudonymKey> live(String purpose) {
        return current().live(purpose);
    }

    private synchronized RotatingSalts current() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(readAt.plus(maxAge))) {
            snapshot = RotatingSalts.of(SaltLog.readAll(consumer, topic, READ_TIMEOUT));
            readAt = now;
        }
        return snapshot;
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
