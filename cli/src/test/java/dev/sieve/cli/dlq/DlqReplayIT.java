package dev.sieve.cli.dlq;

import static dev.sieve.cli.dlq.KafkaTopics.read;
import static dev.sieve.cli.dlq.KafkaTopics.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.cli.CliRun;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.streams.DeadLetters;
import dev.sieve.testsupport.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sieve dlq replay} of the Streams stages' dead letters on a real broker, written as the stages write them
 * ({@link DeadLetters}): back to the source topic exactly once, checked with {@code read_committed}, whatever the
 * runs, filters and crashes.
 */
class DlqReplayIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final String RAW_DEVICE = "sieve.raw.device";
    static final String RAW_IP = "sieve.raw.ip";
    static final String ENRICHED_DEVICE = "sieve.enriched.device";
    static final long TIME = 1_764_000_000_000L;

    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void topics() throws Exception {
        KafkaTopics.apply(KAFKA.bootstrapServers());
        config = KafkaTopics.sinkConfig(dir, KAFKA.bootstrapServers());
    }

    /** A dead letter as a Streams stage writes it: the record as read, plus reason, detail and source topic. */
    static ProducerRecord<byte[], byte[]> deadLetter(Stage stage, String source, DeadLetterReason reason, String key,
            String value, Integer partition) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_CLIENT_ADDRESS, "203.0.113.7".getBytes(StandardCharsets.UTF_8));
        Record<byte[], byte[]> letter = DeadLetters.of(new Record<>(utf8(key), utf8(value), TIME, headers), source,
                reason, "the detail");
        return new ProducerRecord<>("sieve.dlq." + stage.id(), partition, letter.timestamp(), letter.key(),
                letter.value(), letter.headers());
    }

    @Test
    void eachDeadLetterGoesBackToItsSourceTopicOnceWhateverTheRunsAndFilters() throws Exception {
        List<RecordMetadata> letters = new ArrayList<>();
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            letters.add(send(producer, deadLetter(Stage.ENRICH, RAW_DEVICE, DeadLetterReason.UNDECODABLE, "dev-1",
                    "v1", 0)));
            letters.add(send(producer, deadLetter(Stage.ENRICH, RAW_IP, DeadLetterReason.UNKNOWN_REGION, "dev-2",
                    "v2", 0)));
            letters.add(send(producer, deadLetter(Stage.ENRICH, RAW_DEVICE, DeadLetterReason.UNDECODABLE, "dev-3",
                    "v3", 1)));
        }

        CliRun filtered = replay("--stage", "enrich", "--reason", "unknown_region");
        assertThat(filtered.exitCode()).as(filtered.err()).isZero();
        assertThat(filtered.out()).isEqualTo("""
                sieve.dlq.enrich: reason unknown_region only
                  replayed: 1
                    sieve.raw.ip  1
                  the stage judges them again; one that fails again returns to sieve.dlq.enrich marked as a failed\
                 replay and is never replayed again (sieve dlq inspect)
                  not replayable, left in sieve.dlq.enrich: 0
                  skipped by the --reason filter (still pending): 2
                """);
        List<ConsumerRecord<byte[], byte[]>> ip = read(KAFKA.bootstrapServers(), RAW_IP, true);
        assertThat(ip).hasSize(1);
        ConsumerRecord<byte[], byte[]> replayed = ip.get(0);
        assertThat(replayed.key()).isEqualTo(utf8("dev-2"));
        assertThat(replayed.value()).isEqualTo(utf8("v2"));
        assertThat(replayed.timestamp()).isEqualTo(TIME);
        // the record as the stage first read it, the request address included, plus the mark of its dead letter
        assertThat(headers(replayed)).containsExactly(Map.entry(Topics.HEADER_CLIENT_ADDRESS, "203.0.113.7"),
                Map.entry(Topics.HEADER_REPLAYED_FROM, "sieve.dlq.enrich:0:" + letters.get(1).offset()));

        // one consumer group per stage: the lowest reason's position, and the reasons further on in the metadata
        assertThat(committed(Stage.ENRICH)).containsExactly(
                Map.entry(0, new OffsetAndMetadata(0, "unknown_region=2")),
                Map.entry(1, new OffsetAndMetadata(0, "unknown_region=1")));

        CliRun rest = replay("--stage", "enrich");
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("  replayed: 2\n    sieve.raw.device  2\n",
                "skipped by the --reason filter (still pending): 0\n");
        assertThat(values(read(KAFKA.bootstrapServers(), RAW_DEVICE, true))).containsExactlyInAnyOrder("v1", "v3");

        assertThat(committed(Stage.ENRICH)).containsExactly(Map.entry(0, new OffsetAndMetadata(2, "")),
                Map.entry(1, new OffsetAndMetadata(1, "")));

        CliRun again = replay("--stage", "enrich");
        assertThat(again.out()).contains("  replayed: 0\n", "not replayable, left in sieve.dlq.enrich: 0\n");
        assertThat(values(read(KAFKA.bootstrapServers(), RAW_DEVICE, true))).containsExactlyInAnyOrder("v1", "v3");
        assertThat(values(read(KAFKA.bootstrapServers(), RAW_IP, true))).containsExactly("v2");

        // enrich rejects a replayed record again: its new dead letter keeps the mark and is never replayed
        ConsumerRecord<byte[], byte[]> v1 = read(KAFKA.bootstrapServers(), RAW_DEVICE, true).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("v1")).findFirst().orElseThrow();
        Record<byte[], byte[]> failedAgain = DeadLetters.of(new Record<>(v1.key(), v1.value(), v1.timestamp(),
                v1.headers()), RAW_DEVICE, DeadLetterReason.UNDECODABLE, "still not a DeviceEvent");
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            send(producer, new ProducerRecord<>("sieve.dlq.enrich", null, failedAgain.timestamp(), failedAgain.key(),
                    failedAgain.value(), failedAgain.headers()));
        }
        CliRun loop = replay("--stage", "enrich");
        assertThat(loop.out()).contains("  replayed: 0\n", "not replayable, left in sieve.dlq.enrich: 1\n    "
                + DlqReplayer.FAILED_AFTER_REPLAY + "  1\n");
        assertThat(values(read(KAFKA.bootstrapServers(), RAW_DEVICE, true))).containsExactlyInAnyOrder("v1", "v3");
    }

    @Test
    void aReplayThatDiesMidStepIsDoneOnceByTheNextRun() throws Exception {
        List<String> originals = List.of("e1", "e2", "e3", "e4", "e5", "e6");
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            for (String v : originals) {
                producer.send(deadLetter(Stage.ANONYMIZE, ENRICHED_DEVICE, DeadLetterReason.PROCESSING_FAILED,
                        "key-" + v, v, 0));
            }
            producer.flush();
        }
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        Topics topics = new Topics(PolicyLoader.loadDefault());
        Set<String> all = Set.copyOf(topics.all().stream().map(TopicSpec::name).toList());
        Producer<byte[], byte[]> dying = DlqReplayCommand.producer(kafka, Stage.ANONYMIZE);
        try (TopicRangeReader reader = TopicRangeReader.connect(kafka, "test-replay",
                Optional.of(ReplayPositions.groupId(Stage.ANONYMIZE))); Admin admin = Admin.create(kafka)) {
            dying.initTransactions();
            String topic = topics.deadLetter(Stage.ANONYMIZE).name();
            DlqReplayer replayer = new DlqReplayer(Stage.ANONYMIZE, topic, reader,
                    ReplayPositions.load(admin, Stage.ANONYMIZE, reader.partitions(topic)),
                    new SourceTopicRoute("anonymize", Set.of(ENRICHED_DEVICE), all, ReplayGuard.none()),
                    new DyingOutput(ReplayOutput.transactional(dying, reader.groupMetadata()), dying, 3));
            assertThatThrownBy(() -> replayer.replay(Optional.empty())).hasMessage("the replay process died");
        } finally {
            dying.close(Duration.ZERO); // no abort: the transaction stays open, as after a kill
        }
        assertThat(read(KAFKA.bootstrapServers(), ENRICHED_DEVICE, false)).as("written, never committed").hasSize(3);
        assertThat(read(KAFKA.bootstrapServers(), ENRICHED_DEVICE, true)).isEmpty();

        CliRun rerun = replay("--stage", "anonymize");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("  replayed: 6\n    sieve.enriched.device  6\n");
        assertThat(values(read(KAFKA.bootstrapServers(), ENRICHED_DEVICE, true)))
                .containsExactlyInAnyOrderElementsOf(originals);
        assertThat(replay("--stage", "anonymize").out()).contains("  replayed: 0\n");
        assertThat(values(read(KAFKA.bootstrapServers(), ENRICHED_DEVICE, true)))
                .containsExactlyInAnyOrderElementsOf(originals);
    }

    private CliRun replay(String... args) {
        List<String> all = new ArrayList<>(List.of("dlq", "replay", "--config", config.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** The replay group's committed offsets in the stage's dead-letter topic, by partition. */
    static Map<Integer, OffsetAndMetadata> committed(Stage stage) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            Map<Integer, OffsetAndMetadata> out = new TreeMap<>();
            admin.listConsumerGroupOffsets(ReplayPositions.groupId(stage)).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, om) -> out.put(tp.partition(), om));
            return out;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    static Map<String, String> headers(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The transactional output of a replay process that dies after a number of sends, its records on the broker. */
    static final class DyingOutput implements ReplayOutput {
        private final ReplayOutput delegate;
        private final Producer<byte[], byte[]> producer;
        private int sendsLeft;

        DyingOutput(ReplayOutput delegate, Producer<byte[], byte[]> producer, int sends) {
            this.delegate = delegate;
            this.producer = producer;
            this.sendsLeft = sends;
        }

        @Override
        public void begin() {
            delegate.begin();
        }

        @Override
        public void send(ProducerRecord<byte[], byte[]> record) {
            if (sendsLeft-- == 0) {
                producer.flush();
                throw new IllegalStateException("the replay process died");
            }
            delegate.send(record);
        }

        @Override
        public void commit(Map<TopicPartition, OffsetAndMetadata> positions) {
            delegate.commit(positions);
        }

        @Override
        public void abort() {
            // a dead process aborts nothing
        }
    }
}
