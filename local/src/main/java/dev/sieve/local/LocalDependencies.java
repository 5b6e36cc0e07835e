package dev.sieve.local;

import static dev.sieve.local.StartStep.took;

import dev.sieve.enginelocal.ChdbEngine;
import dev.sieve.kafkalocal.KafkaNode;
import dev.sieve.local.clickhouse.EmbeddedClickHouseServer;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.topic.TopicApplier;
import dev.sieve.schemas.topic.Topics;
import dev.sieve.sink.clickhouse.ClientV2Gateway;
import dev.sieve.sink.config.RegionEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What the stages of a local pipeline run on, started in this order: a work directory, the policy, Kafka (the
 * configured cluster, else an in-process KRaft broker) with every topic the policy implies, and ClickHouse (the
 * configured server, else the embedded engine behind its HTTP interface, loopback only) with a query connection.
 * Each part is pushed on the {@link Teardown} as it starts.
 *
 * @param workDir          the run's scratch directory, deleted at teardown
 * @param policy           the policy the stages enforce
 * @param bootstrapServers Kafka
 * @param kafkaClient      settings for every Kafka client (TLS, SASL)
 * @param clickHouse       the ClickHouse every region stores into
 * @param queries          a connection to it through the sink's production adapter
 */
record LocalDependencies(Path workDir, Policy policy, String bootstrapServers, Map<String, String> kafkaClient,
        RegionEndpoint clickHouse, ClientV2Gateway queries) {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The Kafka and ClickHouse chosen by a started step, before the next one starts. */
    private record Kafka(String bootstrapServers, Map<String, String> client) {}

    static LocalDependencies start(LocalPipelineBuilder b, Teardown teardown) throws StartException {
        Path workDir = StartStep.run("creating the work directory", () -> Files.createTempDirectory("sieve-local-"));
        teardown.push("deleting the work directory", () -> deleteTree(workDir));
        Policy policy = StartStep.run("reading the policy", () -> PolicyLoader.load(Optional.ofNullable(b.policyFile)));
        Kafka kafka = startKafka(b, teardown);
        createTopics(b, policy, kafka);
        RegionEndpoint clickHouse = startClickHouse(b, teardown);
        ClientV2Gateway queries = gateway(clickHouse);
        teardown.push("closing the query connection", queries);
        return new LocalDependencies(workDir, policy, kafka.bootstrapServers(), kafka.client(), clickHouse, queries);
    }

    /** Settings for a Kafka client of this Kafka: bootstrap servers and any TLS/SASL settings. */
    Map<String, Object> kafkaClientProperties() {
        return clientProperties(bootstrapServers, kafkaClient);
    }

    /** A new production connection to {@code endpoint}; the caller closes it. */
    private static ClientV2Gateway gateway(RegionEndpoint endpoint) {
        return ClientV2Gateway.connect(endpoint.url(), endpoint.user(), endpoint.password(),
                ClientV2Gateway.DEFAULT_TIMEOUT);
    }

    private static Map<String, Object> clientProperties(String bootstrapServers, Map<String, String> kafkaClient) {
        Map<String, Object> p = new HashMap<>(kafkaClient);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    private static Kafka startKafka(LocalPipelineBuilder b, Teardown teardown) throws StartException {
        Consumer<String> progress = b.progress;
        if (b.bootstrapServers != null) {
            progress.accept("using Kafka at " + b.bootstrapServers);
            return new Kafka(b.bootstrapServers, b.kafkaClient);
        }
        progress.accept("starting Kafka (in-process KRaft broker) ...");
        long t0 = System.nanoTime();
        KafkaNode kafka = new KafkaNode();
        StartStep.run("starting the in-process Kafka broker", kafka::start);
        teardown.push("stopping the Kafka broker", kafka);
        progress.accept("  Kafka ready at " + kafka.bootstrapServers() + took(t0));
        return new Kafka(kafka.bootstrapServers(), Map.of());
    }

    private static void createTopics(LocalPipelineBuilder b, Policy policy, Kafka kafka) throws StartException {
        b.progress.accept("creating the topics the policy implies ...");
        long t0 = System.nanoTime();
        Map<String, Object> admin = clientProperties(kafka.bootstrapServers(), kafka.client());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        List<String> changes = StartStep.run("creating the topics", () -> {
            try (Admin client = Admin.create(admin)) {
                return TopicApplier.apply(client, new Topics(policy).all(), b.partitions, (short) 1);
            }
        });
        b.progress.accept("  " + new Topics(policy).all().size() + " topics, " + changes.size()
                + " created or changed" + took(t0));
    }

    private static RegionEndpoint startClickHouse(LocalPipelineBuilder b, Teardown teardown) throws StartException {
        if (b.clickHouse != null) {
            b.progress.accept("using ClickHouse at " + b.clickHouse.url());
            return b.clickHouse;
        }
        b.progress.accept("starting the ClickHouse engine (chDB in a Python helper process) ...");
        long t0 = System.nanoTime();
        ChdbEngine engine = new ChdbEngine(EmbeddedClickHouseServer.ENGINE_CONNECTIONS);
        StartStep.run("starting the ClickHouse engine", engine::start);
        teardown.push("stopping the ClickHouse engine", engine);
        EmbeddedClickHouseServer server = StartStep.run(
                "serving ClickHouse's HTTP interface on port " + b.clickHouseHttpPort,
                () -> EmbeddedClickHouseServer.start(engine,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), b.clickHouseHttpPort)));
        teardown.push("closing ClickHouse's HTTP interface", server);
        b.progress.accept("  ClickHouse " + engine.version() + " at " + server.url() + took(t0));
        return new RegionEndpoint(server.url(), "default", "");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
