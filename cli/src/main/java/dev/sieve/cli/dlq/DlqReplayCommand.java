package dev.sieve.cli.dlq;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.PolicyFiles;
import dev.sieve.cli.operate.OperatorCommand;
import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.ingest.intake.EventIntake;
import dev.sieve.runtime.ConfigException;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.schemas.topic.Stage;
import dev.sieve.schemas.topic.TopicSpec;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.SinkContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sieve dlq replay --stage S}: sends a stage's dead letters back through the pipeline after a fix, each at
 * most once ever and none lost ({@link DlqReplayer}): enrich and anonymize dead letters to the topic they were
 * read from, sink dead letters to their purpose topic (unless their subject has been erased since), the
 * collector's through the collector's own validation and conversion to their raw topic.
 */
@Command(name = "replay", description = "Replay a stage's dead letters after a"
        + " fix: each at most once, in Kafka transactions with the replay positions, so a rerun or a crash"
        + " duplicates and loses nothing.")
final class DlqReplayCommand extends OperatorCommand {

    @Option(names = "--stage", required = true, paramLabel = "STAGE", converter = DlqCommand.StageConverter.class,
            description = "ingest, enrich, anonymize or sink.")
    Stage stage;

    @Option(names = "--reason", paramLabel = "REASON", description = "Only dead letters of this reason; the others"
            + " stay pending.")
    String reason;

    @Option(names = "--dry-run", description = "Count what would happen; write and commit nothing.")
    boolean dryRun;

    @Option(names = "--collector-config", paramLabel = "FILE", description = "The collector's configuration file"
            + " (required for --stage ingest): its limits, policy and apps judge the dead letters again.")
    Path collectorConfig;

    /**
     * How long the broker keeps a transaction open before aborting it. A step is one poll's worth of records, done in
     * well under a second; after a crash, readers of the replay positions ({@code requireStable}) wait at most this
     * long for the broker to abort what the crash left open, unless the next replay aborts it first.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(30);

    /** The transactional id of a stage's replay, named like its positions' group: a second replay fences the first. */
    static String transactionalId(Stage stage) {
        return ReplayPositions.groupId(stage);
    }

    @Override
    protected int run() throws KeyException {
        DlqCommand.checkReason(spec, reason, List.of(stage));
        if (stage == Stage.INGEST && collectorConfig == null) {
            throw usage("--stage ingest needs --collector-config FILE: the collector's limits, policy and apps judge"
                    + " its dead letters again");
        }
        if (stage != Stage.INGEST && collectorConfig != null) {
            throw usage("--collector-config is only for --stage ingest");
        }
        SinkContext context = context();
        Topics topics = context.catalog().topics();
        String topic = topics.deadLetter(stage).name();
        Map<String, Object> kafka = configuration().kafkaClient();
        ReplayReport report;
        // The reader names the positions' group only when the positions are committed: a dry run has no group.
        Optional<String> group = dryRun ? Optional.empty() : Optional.of(ReplayPositions.groupId(stage));
        try (TopicRangeReader reader = TopicRangeReader.connect(kafka, transactionalId(stage) + "-reader", group);
                Admin admin = Admin.create(kafka)) {
            ReplayRoute route = route(context, reader);
            List<TopicPartition> partitions = reader.partitions(topic);
            if (dryRun) {
                report = new DlqReplayer(stage, topic, reader, ReplayPositions.load(admin, stage, partitions), route,
                        ReplayOutput.dryRun()).replay(Optional.ofNullable(reason));
            } else {
                try (Producer<byte[], byte[]> producer = producer(kafka, stage)) {
                    // Before reading the positions: aborts whatever a crashed replay left open.
                    producer.initTransactions();
                    report = new DlqReplayer(stage, topic, reader, ReplayPositions.load(admin, stage, partitions),
                            route, ReplayOutput.transactional(producer, reader.groupMetadata()))
                            .replay(Optional.ofNullable(reason));
                } catch (ProducerFencedException | InvalidProducerEpochException e) {
                    throw CliFailure.failed("another replay of stage " + stage.id() + " started and took over; this"
                            + " one stopped, and its unfinished step counts for nothing");
                } catch (KafkaException e) {
                    // Kafka's messages name topics and partitions, never record contents.
                    throw CliFailure.failed("Kafka refused a replay step (" + e.getMessage() + "); that step counts"
                            + " for nothing, the steps before it are done: run the replay again");
                }
            }
        }
        out().print(report.render(topic, dryRun, Optional.ofNullable(reason),
                stage == Stage.INGEST));
        return 0;
    }

    private ReplayRoute route(SinkContext context, TopicRangeReader reader) throws KeyException {
        Topics topics = context.catalog().topics();
        Set<String> policyTopics = topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        return switch (stage) {
            case INGEST -> collectorRoute();
            case ENRICH -> new SourceTopicRoute(stage.id(), familyTopics(topics, true), policyTopics,
                    ReplayGuard.none());
            case ANONYMIZE -> new SourceTopicRoute(stage.id(), familyTopics(topics, false), policyTopics,
                    ReplayGuard.none());
            case SINK -> new SourceTopicRoute(stage.id(), Set.copyOf(context.catalog().topicNames()), policyTopics,
                    ErasedSubjects.read(reader, topics.erasure(), context.catalog(), context.erasureListKey()));
        };
    }

    private static Set<String> familyTopics(Topics topics, boolean raw) {
        return Arrays.stream(EventFamily.values())
                .map(f -> (raw ? topics.raw(f) : topics.enriched(f)).name()).collect(Collectors.toSet());
    }

    private CollectorRoute collectorRoute() {
        CollectorConfig collector;
        try {
            collector = CollectorConfigLoader.read(collectorConfig, System.getenv());
        } catch (ConfigException e) {
            throw CliFailure.usage(e.getMessage());
        }
        Policy policy = PolicyFiles.load(collector.policy().orElse(null));
        return new CollectorRoute(EventIntake.withoutBatchLimit(policy, collector.limits()),
                collector.apiKeys().keySet(),
                new Topics(policy));
    }

    static Producer<byte[], byte[]> producer(Map<String, Object> kafka, Stage stage) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId(stage));
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(stage));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
