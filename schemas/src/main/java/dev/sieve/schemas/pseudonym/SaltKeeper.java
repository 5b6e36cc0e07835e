package dev.sieve.schemas.pseudonym;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the salts of rotating pseudonyms ahead of their period and destroys them after it, on
 * {@code sieve.control.salts}. Every anonymize instance runs one; together they still write exactly one salt
 * per purpose and period, because all share one transactional id: {@code initTransactions} fences every other
 * keeper, so between it and the commit no other keeper can commit anything. A round fences, reads the topic to
 * its end (committed records only), writes only what is missing, and commits; a keeper fenced meanwhile cannot
 * commit, so it starts over with a new fence and read, and then finds the other keeper's salts.
 *
 * <p>Salts are random bytes from {@link SecureRandom}, never derived from another secret, so a destroyed salt is
 * gone: after the tombstone, compaction removes the value from the log (see {@link Topics#salts()}), and every
 * reader drops it. A period's salt is created while the period before it runs, so every instance holds it before
 * its first event; it is destroyed once its period has ended and {@code overlap} (how long late events still use
 * their own period's salt) has passed.
 */
public final class SaltKeeper implements AutoCloseable {

    /** Shared by every keeper, which is what fences all but one. */
    public static final String TRANSACTIONAL_ID = "sieve-salt-keeper";
    public static final int SALT_BYTES = 32;
    private static final int MAX_ATTEMPTS = 20;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SaltKeeper.class);

    private final Map<String, Object> client;
    private final TopicSpec<String, PeriodSalt> topic;
    private final Map<String, Set<Rotation>> rotations;
    private final Duration overlap;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final KafkaConsumer<String, PeriodSalt> consumer;
    private KafkaProducer<String, PeriodSalt> producer;

    /** One purpose's period that needs a salt. */
    public record Wanted(String purpose, Rotation.Period period) {
        public String key() {
            return Topics.saltKey(purpose, period.id());
        }
    }

    /** What a round changes: salts to create, and record keys of salts to destroy. */
    public record Changes(List<Wanted> create, List<String> destroy) {
        public boolean isEmpty() {
            return create.isEmpty() && destroy.isEmpty();
        }
    }

    /**
     * @param client    bootstrap servers and client settings (TLS, SASL)
     * @param rotations which rotations each purpose uses ({@link #rotations(Policy)})
     * @param overlap   how long after its period a salt still serves late events
     */
    public SaltKeeper(Map<String, Object> client, TopicSpec<String, PeriodSalt> topic,
            Map<String, Set<Rotation>> rotations, Duration overlap, Clock clock) {
        this.client = Map.copyOf(client);
        this.topic = topic;
        this.rotations = Map.copyOf(rotations);
        this.overlap = overlap;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A missing salt topic is an error to report, not one to create with the broker's default (deleting) policy.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** The rotations each purpose's rules use; purposes without rotating pseudonyms are absent. */
    public static Map<String, Set<Rotation>> rotations(Policy policy) {
        Map<String, Set<Rotation>> out = new TreeMap<>();
        for (Purpose p : policy.purposes().values()) {
            p.families().values().forEach(f -> f.fields().values()
                    .forEach(r -> r.rotate().ifPresent(rot ->
                            out.computeIfAbsent(p.id(), k -> EnumSet.noneOf(Rotation.class)).add(rot))));
        }
        return out;
    }

    /**
     * What the salts should become at {@code now}: the current and the next period of every purpose and
     * rotation need a salt; a live salt whose period ended more than {@code overlap} ago is destroyed. A destroyed
     * salt is never created again, since only current and next periods are created.
     */
    public static Changes plan(Map<String, PeriodSalt> live, Map<String, Set<Rotation>> rotations, Duration overlap,
            Instant now) {
        List<Wanted> create = new ArrayList<>();
        new TreeMap<>(rotations).forEach((purpose, set) -> set.forEach(r -> {
            Rotation.Period current = r.periodOf(now);
            for (Rotation.Period p : List.of(current, current.next())) {
                Wanted w = new Wanted(purpose, p);
                if (!live.containsKey(w.key())) {
                    create.add(w);
                }
            }
        }));
        List<String> destroy = new TreeMap<>(live).entrySet().stream()
                .filter(e -> !now.isBefore(e.getValue().getEndsAt().plus(overlap)))
                .map(Map.Entry::getKey).toList();
        return new Changes(create, destroy);
    }

    /**
     * One round: fence other keepers, read, create and destroy what {@link #plan} says, commit. Retries from the
     * read when another keeper fenced this one.
     *
     * @return what this keeper changed (empty when the salts were already as they should be)
     * @throws KafkaException when Kafka failed otherwise (a missing topic, no broker), or this keeper was fenced
     *                        in every one of repeated attempts
     */
    public synchronized Changes run() {
        KafkaException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return round();
            } catch (KafkaException e) {
                closeProducer();
                if (!fenced(e)) {
                    throw e;
                }
                last = e;
                LOG.info("salt keeper round {} did not commit ({}); reading the salts again", attempt,
                        e.getClass().getSimpleName());
                pause(attempt);
            }
        }
        throw new KafkaException("the salt keeper was fenced by another keeper in each of " + MAX_ATTEMPTS
                + " attempts", last);
    }

    /**
     * A new producer each round: its {@code initTransactions} waits until any transaction of the shared id,
     * this keeper's previous one included, is complete, so the read that follows sees every committed salt.
     */
    private Changes round() {
        producer = newProducer();
        producer.initTransactions();
        Map<String, PeriodSalt> live = SaltLog.readAll(consumer, topic.name(), READ_TIMEOUT);
        Instant now = clock.instant();
        Changes changes = plan(live, rotations, overlap, now);
        if (!changes.isEmpty()) {
            producer.beginTransaction();
            for (Wanted w : changes.create()) {
                producer.send(new ProducerRecord<>(topic.name(), w.key(), salt(w, now)));
            }
            for (String key : changes.destroy()) {
                producer.send(new ProducerRecord<>(topic.name(), key, null));
            }
            producer.commitTransaction();
            LOG.info("salt keeper created {} and destroyed {} salts: created {}, destroyed {}",
                    changes.create().size(), changes.destroy().size(),
                    changes.create().stream().map(Wanted::key).toList(), changes.destroy());
        }
        closeProducer();
        return changes;
    }

    private PeriodSalt salt(Wanted w, Instant now) {
        byte[] bytes = new byte[SALT_BYTES];
        random.nextBytes(bytes);
        return PeriodSalt.newBuilder().setPurpose(w.purpose()).setPeriod(w.period().id())
                .setStartsAt(w.period().start()).setEndsAt(w.period().end()).setSalt(ByteBuffer.wrap(bytes))
                .setCreatedAt(now).build();
    }

    private KafkaProducer<String, PeriodSalt> newProducer() {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * Whether another keeper fenced this one (then a new round starts over), not a failure to report. With
     * transactions version 2 a keeper whose transaction the newer keeper aborted may also be told its transaction is
     * in an invalid state. A new round is safe whatever the outcome: it reads the salts again after every
     * transaction of the shared id is complete, and plans only what is still missing.
     */
    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                    || t instanceof TransactionAbortedException || t instanceof InvalidTxnStateException) {
                return true;
            }
        }
        return false;
    }

    /** Jittered, growing pause, so two keepers that keep fencing each other fall out of step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting to retry", e);
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.debug("closing a fenced salt keeper producer failed", e);
            }
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeProducer();
        consumer.close();
    }
}
