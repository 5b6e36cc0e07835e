package dev.sieve.benchmarks;

import dev.sieve.anonymize.topology.AnonymizeTopology;
import dev.sieve.anonymize.topology.Projections;
import dev.sieve.schemas.SampleEvents;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.pseudonym.SaltKeeper;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.testsupport.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The anonymize stage starting with a long erasure list: {@code entries} records (default 1,000,000) on
 * {@code sieve.control.erasure}, each the size of a real entry (a request id and the keyed hashes of 8 stored
 * forms: raw and one pseudonym per purpose of the default policy, about 600 bytes), on the in-process broker.
 *
 * <p>Two start-ups of the real topology: a first one with an empty state directory (the global store is built
 * from the whole topic), then a restart on the same state directory. Each is timed from {@code start()} until
 * the output of a probe event is readable, and the global store's restore is timed by a restore listener;
 * before the probe, an event of an erased device is sent, and it must not come out (the list is in force).
 * Heap: used heap after a full GC with the stage running, minus the same before it started (the broker shares
 * the JVM), and the state directory's size on disk.
 *
 * <p>Run: {@code java -Xmx4g -cp "$(cat benchmarks/target/runtime-classpath.txt):benchmarks/target/classes"
 * dev.sieve.benchmarks.ErasureListStartupBenchmark [entries]}
 */
public final class ErasureListStartupBenchmark {

    private static final int DEFAULT_ENTRIES = 1_000_000;
    private static final int FORMS_PER_ENTRY = 8;
    private static final String APP_ID = "bench-erasure-startup";

    private ErasureListStartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ENTRIES;
        Policy policy = PolicyLoader.loadDefault();
        Topics topics = new Topics(policy);
        ErasureListKey listKey = BenchmarkKeys.erasureList();
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                TopicApplier.apply(admin, topics.all(), 1, (short) 1);
            }
            try (SaltKeeper keeper = new SaltKeeper(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                    topics.salts(), SaltKeeper.rotations(policy), Duration.ofDays(1), Clock.systemUTC())) {
                keeper.run();
            }
            long produceStart = System.nanoTime();
            long bytes = produceList(kafka, topics, listKey, entries);
            System.out.printf("%,d erasure-list entries (%,d MB) on %s in %.1f s%n", entries, bytes >> 20,
                    topics.erasure().name(), (System.nanoTime() - produceStart) / 1e9);

            Path stateDir = Files.createTempDirectory(APP_ID);
            Projections projections = new Projections(policy, BenchmarkKeys.random(policy), Duration.ofDays(1));
            String analytics = topics.purpose(policy.purpose("analytics").orElseThrow(), EventFamily.DEVICE).name();
            try (KafkaConsumer<byte[], byte[]> outputs = new KafkaConsumer<>(
                    kafka.consumerProperties(APP_ID + "-probe"))) {
                outputs.assign(List.of(new TopicPartition(analytics, 0)));
                List<String> rounds = List.of("first start (empty state directory)", "restart (same state directory)");
                for (int r = 0; r < rounds.size(); r++) {
                    String round = rounds.get(r);
                    sendEvent(kafka, topics, "device-7");
                    sendEvent(kafka, topics, "probe-" + r);
                    long heapBefore = usedHeapAfterGc();
                    Restores restores = new Restores();
                    long t0 = System.nanoTime();
                    KafkaStreams streams = new KafkaStreams(AnonymizeTopology.build(topics, projections, listKey,
                            new SimpleMeterRegistry(), Clock.systemUTC()), props(kafka, stateDir));
                    streams.setGlobalStateRestoreListener(restores);
                    streams.start();
                    try {
                        int seen = awaitOutputs(outputs);
                        double startup = (System.nanoTime() - t0) / 1e9;
                        long heapDelta = usedHeapAfterGc() - heapBefore;
                        System.out.printf("%s: erasure list read from the topic: %,d records in %.1f s; first event"
                                + " processed after %.1f s; %d output (the erased device's event suppressed: %s);"
                                + " heap used by the stage %,d MB; state directory %,d MB%n", round,
                                restores.records, restores.nanos / 1e9, startup, seen, seen == 1 ? "yes" : "NO",
                                heapDelta >> 20, size(stateDir) >> 20);
                    } finally {
                        // Leave the group, so the restart measures the store and not the broker's session timeout.
                        streams.close(CloseOptions.groupMembershipOperation(
                                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
                    }
                }
            }
        }
    }

    /** How many erasure-list records the global store restored from the topic, and how long it took. */
    private static final class Restores implements StateRestoreListener {
        volatile long records;
        volatile long nanos;
        private volatile long started;

        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
            started = System.nanoTime();
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
            if (store.equals(AnonymizeTopology.ERASURE_STORE)) {
                records += restored;
            }
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            if (store.equals(AnonymizeTopology.ERASURE_STORE)) {
                nanos = System.nanoTime() - started;
            }
        }
    }

    private static long produceList(EmbeddedKafka kafka, Topics topics, ErasureListKey listKey, int entries) {
        TopicSpec<String, ErasedIdentifier> spec = topics.erasure();
        Map<String, Object> props = kafka.producerProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < entries; i++) {
                List<String> forms = new ArrayList<>(FORMS_PER_ENTRY);
                for (int f = 0; f < FORMS_PER_ENTRY; f++) {
                    forms.add(listKey.hash("form-" + f + "-" + i));
                }
                ErasedIdentifier entry = ErasedIdentifier.newBuilder().setRequestId("00000000-0000-4000-8000-"
                        + String.format("%012d", i)).setErasedAt(now).setFormHashes(forms).build();
                byte[] key = spec.keySerde().serializer().serialize(spec.name(), listKey.device("device-" + i));
                byte[] value = spec.valueSerde().serializer().serialize(spec.name(), entry);
                bytes += key.length + value.length;
                producer.send(new ProducerRecord<>(spec.name(), key, value));
            }
            producer.flush();
        }
        return bytes;
    }

    private static void sendEvent(EmbeddedKafka kafka, Topics topics, String deviceId) throws Exception {
        TopicSpec<String, org.apache.avro.specific.SpecificRecord> topic = topics.enriched(EventFamily.DEVICE);
        DeviceEvent event = SampleEvents.device();
        event.getEnvelope().setDeviceId(deviceId);
        event.getEnvelope().setEventId("evt-" + deviceId + "-" + System.nanoTime());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), deviceId.getBytes(StandardCharsets.UTF_8),
                    topic.valueSerde().serializer().serialize(topic.name(), event))).get();
        }
    }

    /** Waits for the probe's output, then a little longer, and returns how many outputs came. */
    private static int awaitOutputs(KafkaConsumer<byte[], byte[]> outputs) {
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (seen == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stage produced nothing within 10 minutes");
            }
            seen += outputs.poll(Duration.ofMillis(20)).count();
        }
        return seen + outputs.poll(Duration.ofSeconds(1)).count();
    }

    private static Properties props(EmbeddedKafka kafka, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put("consumer.auto.offset.reset", "earliest");
        return props;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
