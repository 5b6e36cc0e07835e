package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import dev.sieve.testsupport.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Salt keepers against a real broker: racing keepers, destruction, and readers that follow the topic. */
class SaltKeeperIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Map<String, Set<Rotation>> ANALYTICS_MONTHLY = Map.of("analytics", Set.of(Rotation.MONTH));
    private static final Duration OVERLAP = Duration.ofDays(1);
    private static TopicSpec<String, PeriodSalt> topic;

    @BeforeAll
    static void createTopicFromTheRegistry() throws Exception {
        topic = new Topics(PolicyLoader.loadDefault()).salts();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            TopicApplier.apply(admin, List.of(topic), 1, (short) 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!admin.listTopics().names().get().contains(topic.name()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }

    @Test
    void racingKeepersCreateExactlyOneSaltPerPeriodAndDestroyItAfterTheOverlap() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-05T12:00:00Z"));
        int rounds = 0;
        try (SaltKeeper a = keeper(clock); SaltKeeper b = keeper(clock); SaltKeeper c = keeper(clock);
                KafkaSalts reader = new KafkaSalts(client(), topic, Duration.ZERO, clock)) {
            List<SaltKeeper> keepers = List.of(a, b, c);
            for (Instant at : List.of(Instant.parse("2026-12-05T12:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                    Instant.parse("2027-01-02T00:00:00Z"), Instant.parse("2027-02-10T00:00:00Z"))) {
                clock.set(at);
                race(keepers);
                rounds++;
            }
            Map<String, List<PeriodSalt>> written = committedValuesByKey();
            assertThat(written.keySet()).containsExactlyInAnyOrder("analytics/m2026-12", "analytics/m2027-01",
                    "analytics/m2027-02", "analytics/m2027-03");
            written.forEach((key, values) -> assertThat(values.stream().filter(v -> v != null).count())
                    .as("salts ever committed under " + key).isEqualTo(1));
            assertThat(written.get("analytics/m2026-12")).as("December's salt, then its tombstone").hasSize(2)
                    .last().isNull();
            assertThat(written.get("analytics/m2027-01")).as("January's salt, then its tombstone").hasSize(2)
                    .last().isNull();
            assertThat(reader.live("analytics")).extracting(PseudonymKey::id)
                    .containsExactlyInAnyOrder("m2027-02", "m2027-03");
            assertThat(reader.salt("analytics", "m2026-12")).isEmpty();
        }
        assertThat(rounds).isEqualTo(4);
    }

    @Test
    void aReaderSeesASaltCreatedAfterItStartedWithoutARestart() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2031-05-05T00:00:00Z"));
        try (KafkaSalts reader = new KafkaSalts(client(), topic, Duration.ofMinutes(1), clock);
                SaltKeeper keeper = new SaltKeeper(client(), topic, Map.of("surveys", Set.of(Rotation.MONTH)),
                        OVERLAP, clock)) {
            assertThat(reader.salt("surveys", "m2031-05")).isEmpty();
            keeper.run();
            assertThat(reader.salt("surveys", "m2031-05")).as("within its max age, the old reading").isEmpty();
            // The commit returns before the broker has marked the records committed everywhere: poll briefly.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Optional<PseudonymKey> may = Optional.empty();
            while (may.isEmpty() && System.nanoTime() < deadline) {
                clock.set(clock.instant().plus(Duration.ofMinutes(1)));
                may = reader.salt("surveys", "m2031-05");
            }
            assertThat(may).isPresent();
            assertThat(may.get().validFrom()).isEqualTo(Instant.parse("2031-05-01T00:00:00Z"));
            assertThat(may.get().secret()).hasSize(SaltKeeper.SALT_BYTES);
            assertThat(may.get().secret()).as("random, not derived").isNotEqualTo(
                    reader.salt("surveys", "m2031-06").orElseThrow().secret());
        }
    }

    @Test
    void aMissingTopicIsReportedNotCreated() throws Exception {
        TopicSpec<String, PeriodSalt> missing = new TopicSpec<>("sieve.control.salts-missing", topic.keySerde(),
                topic.valueSerde(), true, Optional.empty());
        try (SaltKeeper keeper = new SaltKeeper(client(), missing, ANALYTICS_MONTHLY, OVERLAP,
                new MovableClock(Instant.parse("2026-12-05T00:00:00Z")))) {
            assertThatThrownBy(keeper::run).isInstanceOf(KafkaException.class)
                    .hasMessage("topic sieve.control.salts-missing does not exist: create it with `sieve topics apply`");
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain("sieve.control.salts-missing");
        }
    }

    /** Every keeper runs one round at the same moment; each must finish. */
    private static void race(List<SaltKeeper> keepers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(keepers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SaltKeeper.Changes>> results = new ArrayList<>();
            for (SaltKeeper k : keepers) {
                results.add(pool.submit(() -> {
                    start.await();
                    return k.run();
                }));
            }
            start.countDown();
            for (Future<SaltKeeper.Changes> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Committed records of the topic, values in log order (null for a tombstone). */
    private static Map<String, List<PeriodSalt>> committedValuesByKey() {
        Map<String, Object> props = new HashMap<>(client());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<PeriodSalt>> out = new HashMap<>();
        try (KafkaConsumer<String, PeriodSalt> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            TopicPartition p = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            while (consumer.position(p) < end) {
                for (ConsumerRecord<String, PeriodSalt> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().startsWith("analytics/m2026") || r.key().startsWith("analytics/m2027")) {
                        out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                }
            }
        }
        return out;
    }

    private static SaltKeeper keeper(Clock clock) {
        return new SaltKeeper(client(), topic, ANALYTICS_MONTHLY, OVERLAP, clock);
    }

    private static Map<String, Object> client() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    }
}
