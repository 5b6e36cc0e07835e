package dev.sieve.sink;

import dev.sieve.runtime.GroupMembership;
import dev.sieve.schemas.pseudonym.KafkaSalts;
import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.pseudonym.RotatingSalts;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.topic.CompactedTopicFollower;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.sdk.RetryPolicy;
import dev.sieve.sink.adapter.ConsumerLoop;
import dev.sieve.sink.adapter.KafkaDeadLetters;
import dev.sieve.sink.adapter.KafkaRecordDeletion;
import dev.sieve.sink.adapter.KafkaTopicRetention;
import dev.sieve.sink.control.ControlHandler;
import dev.sieve.sink.erasure.Erasure;
import dev.sieve.sink.hold.LegalHolds;
import dev.sieve.sink.metrics.SinkMetrics;
import dev.sieve.sink.model.TableCatalog;
import dev.sieve.sink.port.FlushListener;
import dev.sieve.sink.quarantine.QuarantineChanger;
import dev.sieve.sink.quarantine.Quarantines;
import dev.sieve.sink.retention.RetentionChanger;
import dev.sieve.sink.scan.ScheduledScan;
import dev.sieve.sink.scan.StoredIdentifiers;
import dev.sieve.sink.store.RegionStores;
import dev.sieve.sink.store.Store;
import dev.sieve.sink.store.StoreFailure;
import dev.sieve.sink.subject.SubjectIdentifiers;
import dev.sieve.sink.write.BatchThresholds;
import dev.sieve.sink.write.BatchWriter;
import dev.sieve.sink.write.InsertPool;
import dev.sieve.sink.write.PurposeWriter;
import dev.sieve.sink.write.Retrying;
import dev.sieve.sink.write.Sleeper;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running sink: migrates every region's store to the policy, reads the purposes quarantined now, refreshes legal
 * holds for the current keys and live salts, then runs the purpose writer and the control loop on their own threads
 * until {@link #close()}, while following {@code sieve.control.quarantine} for the writer, and, when asked to, the
 * scheduled scan for identifiers in the stores ({@link ScheduledScan}).
 */
public final class Sink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sink.class);

    /** Everything a sink is made of; build with {@link Sink#builder()}. */
    public static final class Builder {
        private TableCatalog catalog;
        private RegionStores stores;
        private KeyRings keys = KeyRings.fixed(Map.of());
        private String bootstrapServers;
        private String groupId;
        private Map<String, String> kafkaClient = Map.of();
        private GroupMembership membership = GroupMembership.DEFAULTS;
        private BatchThresholds thresholds = BatchThresholds.DEFAULTS;
        private RetryPolicy retry = Retrying.DEFAULT_POLICY;
        private int maxInsertsInFlight = InsertPool.DEFAULT_MAX_IN_FLIGHT;
        private SinkMetrics metrics = SinkMetrics.inMemory();
        private Clock clock = Clock.systemUTC();
        private FlushListener flushListener = FlushListener.NONE;
        private Duration scanInterval = Duration.ZERO;

        public Builder catalog(TableCatalog v) { this.catalog = Objects.requireNonNull(v, "catalog"); return this; }
        /** The store of each region that stores data; the sink closes them. */
        public Builder stores(Map<String, Store> v) {
            this.stores = new RegionStores(Objects.requireNonNull(v, "stores"));
            return this;
        }
        /** Keys that never change (tests); a running sink re-reads {@code keys.dir}: {@link #keys(KeyRings)}. */
        public Builder keyRings(Map<String, KeyRing> v) {
            this.keys = KeyRings.fixed(Objects.requireNonNull(v, "keyRings"));
            return this;
        }
        public Builder keys(KeyRings v) { this.keys = Objects.requireNonNull(v, "keys"); return this; }
        public Builder kafka(String bootstrap, String group, Map<String, String> client) {
            this.bootstrapServers = Objects.requireNonNull(bootstrap, "bootstrapServers");
            this.groupId = Objects.requireNonNull(group, "groupId");
            this.kafkaClient = Objects.requireNonNull(client, "kafkaClient");
            return this;
        }
        public Builder membership(GroupMembership v) { this.membership = Objects.requireNonNull(v, "membership"); return this; }
        public Builder thresholds(BatchThresholds v) { this.thresholds = Objects.requireNonNull(v, "thresholds"); return this; }
        public Builder retry(RetryPolicy v) { this.retry = Objects.requireNonNull(v, "retry"); return this; }
        /** Store inserts running at once, over all tables and regions; see {@link InsertPool}. */
        public Builder maxInsertsInFlight(int v) {
            if (v < 1 || v > InsertPool.MAX_IN_FLIGHT_LIMIT) {
                throw new IllegalArgumentException("maxInsertsInFlight must be between 1 and "
                        + InsertPool.MAX_IN_FLIGHT_LIMIT + ", got " + v);
            }
            this.maxInsertsInFlight = v;
            return this;
        }
        public Builder metrics(SinkMetrics v) { this.metrics = Objects.requireNonNull(v, "metrics"); return this; }
        public Builder clock(Clock v) { this.clock = Objects.requireNonNull(v, "clock"); return this; }
        /** Time between the scans for identifiers in the stores ({@link ScheduledScan}); zero, the default, is none. */
        public Builder scanInterval(Duration v) {
            if (Objects.requireNonNull(v, "scanInterval").isNegative()) {
                throw new IllegalArgumentException("scanInterval must not be negative, got " + v);
            }
            this.scanInterval = v;
            return this;
        }
        /** Test hook between insert and commit; see {@link FlushListener}. */
        public Builder flushListener(FlushListener v) { this.flushListener = Objects.requireNonNull(v, "flushListener"); return this; }

        /**
         * Migrates, then starts the loops.
         *
         * @throws StartException when a region's store cannot be migrated or the quarantine topic cannot be read
         */
        public Sink start() {
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(stores, "stores");
            Objects.requireNonNull(bootstrapServers, "kafka");
            if (stores.all().isEmpty()) {
                throw new IllegalArgumentException("stores: at least one region needs a ClickHouse endpoint");
            }
            return new Sink(this);
        }
    }

    private final RegionStores stores;
    private final KafkaDeadLetters deadLetters;
    private final Admin admin;
    private final ConsumerLoop writer;
    private final InsertPool inserts;
    private final ConsumerLoop control;
    private final List<KafkaClientMetrics> consumerMetrics;
    private final CompletableFuture<Void> writerDone;
    private final CompletableFuture<Void> controlDone;
    private final Optional<KafkaSalts> salts;
    private final ScheduledExecutorService holdRefresh;
    private final Optional<ScheduledScan> scan;
    private final CompactedTopicFollower<byte[]> quarantineFollower;
    /**
     * How long a starting sink may take to read the quarantine topic to its end: it stores nothing before, so a
     * purpose quarantined while it was down is never written.
     */
    static final Duration QUARANTINE_READ_TIMEOUT = Duration.ofMinutes(1);
    /** How often legal holds take up the pseudonyms of newly created salts and newly added keys. */
    static final Duration HOLD_REFRESH_INTERVAL = Duration.ofHours(1);

    private Sink(Builder b) {
        this.stores = b.stores;
        for (Store store : stores.all().values()) {
            try {
                store.migrate();
            } catch (StoreFailure e) {
                throw new StartException("the sink cannot bring the ClickHouse of region " + store.region()
                        + " to the policy: " + e.getMessage());
            }
            LOG.info("ClickHouse of region {} matches the policy", store.region());
        }
        Quarantines quarantines = new Quarantines(b.catalog);
        this.quarantineFollower = followQuarantines(b, quarantines);
        for (String purpose : b.catalog.policy().purposes().keySet()) {
            b.metrics.purposeQuarantined(purpose, () -> quarantines.quarantined(purpose));
        }
        Retrying retrying = new Retrying(b.retry, Sleeper.REAL, b.metrics);
        this.deadLetters = new KafkaDeadLetters(new KafkaProducer<>(producerProps(b), new ByteArraySerializer(),
                new ByteArraySerializer()), b.catalog.topics().deadLetter(Stage.SINK).name());
        this.admin = Admin.create(new HashMap<>(common(b)));
        // Rotating pseudonyms of the live periods: erasure and holds compute them under the salts on the topic.
        this.salts = SaltKeeper.rotations(b.catalog.policy()).isEmpty() ? Optional.empty()
                : Optional.of(new KafkaSalts(common(b), b.catalog.topics().salts(), KafkaSalts.DEFAULT_MAX_AGE,
                        b.clock));
        SubjectIdentifiers identifiers = new SubjectIdentifiers(b.catalog, b.keys,
                salts.<RotatingSalts>map(s -> s).orElse(RotatingSalts.none()), b.clock);
        Erasure erasure = new Erasure(b.catalog, stores, identifiers, b.metrics, b.clock,
                Erasure.sweepDelay(b.catalog.policy()));
        // New key epochs since the holds were placed: add their pseudonyms before the TTLs next run.
        LegalHolds holds = new LegalHolds(b.catalog, stores, identifiers, erasure, b.metrics, b.clock);
        holds.refresh();
        // Salts (a period ahead) and keys (rotation) appear while the sink runs: held subjects get their new
        // pseudonyms, a key's before most of its rows and a salt's long before the period's first row.
        this.holdRefresh = scheduleHoldRefresh(holds);
        BatchWriter batchWriter = new BatchWriter(b.catalog, stores, b.keys, deadLetters, retrying, b.metrics,
                b.clock);
        KafkaConsumer<byte[], byte[]> writerConsumer = new KafkaConsumer<>(consumerProps(b, b.groupId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaConsumer<byte[], byte[]> controlConsumer = new KafkaConsumer<>(consumerProps(b, b.groupId + "-control"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // The consumers' own metrics (records-lag-max and the rest) beside the sink's, so lag is visible the way
        // the Streams stages show theirs. Tags are client ids, topics and partitions: never record contents.
        this.consumerMetrics = List.of(new KafkaClientMetrics(writerConsumer), new KafkaClientMetrics(controlConsumer));
        consumerMetrics.forEach(m -> m.bindTo(b.metrics.registry()));
        this.inserts = new InsertPool(b.maxInsertsInFlight, b.metrics);
        this.writer = new ConsumerLoop(writerConsumer, new PurposeWriter(writerConsumer, b.catalog.topicNames(),
                b.thresholds, batchWriter, inserts, deadLetters, b.flushListener, quarantines, b.clock,
                PurposeWriter.DEFAULT_POLL_TIMEOUT));
        RetentionChanger retention = new RetentionChanger(b.catalog, stores, new KafkaTopicRetention(admin),
                b.metrics, b.clock);
        QuarantineChanger quarantine = new QuarantineChanger(b.catalog, stores, new KafkaRecordDeletion(admin),
                b.metrics, b.clock);
        this.control = new ConsumerLoop(controlConsumer, new ControlHandler(controlConsumer,
                b.catalog.topics().retention(), b.catalog.topics().erasureRequests(), b.catalog.topics().quarantine(),
                retention, erasure, quarantine, deadLetters, b.metrics, b.clock));
        // The canary for policy and scrubber regressions, on a thread of its own beside the writer.
        this.scan = b.scanInterval.isZero() ? Optional.empty() : Optional.of(ScheduledScan.start(
                StoredIdentifiers.of(b.catalog, stores), b.metrics, b.clock, b.scanInterval));
        this.writerDone = CompletableFuture.runAsync(writer, r -> new Thread(r, "sieve-sink-writer").start());
        this.controlDone = CompletableFuture.runAsync(control, r -> new Thread(r, "sieve-sink-control").start());
    }

    /** Reads the quarantine topic to its end, then follows it; no consumer group: every sink reads all of it. */
    private static CompactedTopicFollower<byte[]> followQuarantines(Builder b, Quarantines quarantines) {
        Map<String, Object> client = common(b);
        client.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try {
            return CompactedTopicFollower.start(client, quarantines.encodedTopic(), quarantines::applyEncoded,
                    QUARANTINE_READ_TIMEOUT);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StartException("the sink cannot start without knowing which purposes are quarantined: "
                    + e.getMessage());
        }
    }

    /**
     * The sink could not start for a reason the operator must fix (a control topic missing or Kafka unreachable,
     * a ClickHouse it cannot migrate); the message says which, and quotes neither a secret nor an identifier.
     */
    public static final class StartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StartException(String message) {
            super(message);
        }
    }

    private static ScheduledExecutorService scheduleHoldRefresh(LegalHolds holds) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sieve-sink-hold-refresh");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                holds.refresh();
            } catch (RuntimeException e) {
                LOG.warn("refreshing legal holds failed ({}); retrying in {}", e.getClass().getName(),
                        HOLD_REFRESH_INTERVAL);
            }
        }, HOLD_REFRESH_INTERVAL.toMillis(), HOLD_REFRESH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Completes when the writer stops: normally after {@link #close()}, exceptionally when it failed. */
    public CompletableFuture<Void> writerDone() {
        return writerDone;
    }

    /** Completes when the control loop stops. */
    public CompletableFuture<Void> controlDone() {
        return controlDone;
    }

    /** Flushes what the writer buffered, stops both loops and releases every connection. */
    @Override
    public void close() {
        scan.ifPresent(ScheduledScan::close);
        holdRefresh.shutdownNow();
        writer.close();
        inserts.close();
        control.close();
        quarantineFollower.close();
        consumerMetrics.forEach(KafkaClientMetrics::close);
        deadLetters.close();
        salts.ifPresent(KafkaSalts::close);
        admin.close();
        stores.close();
    }

    private static Map<String, Object> common(Builder b) {
        Map<String, Object> p = new HashMap<>(b.kafkaClient);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        return p;
    }

    private static Map<String, Object> consumerProps(Builder b, String group) {
        Map<String, Object> p = common(b);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // The same instance id in both groups: it has to be unique per group only.
        p.putAll(b.membership.consumerSettings());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // anonymize writes transactionally; aborted records must never reach ClickHouse
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static Map<String, Object> producerProps(Builder b) {
        Map<String, Object> p = common(b);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }
}
