package dev.sieve.kafkalocal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both broker and controller, from Kafka's own server
 * jars (no test kit), on loopback ports with its data in a temporary directory.
 *
 * <p>Guarantees: after {@link #start()} returns, the broker is registered and accepts clients at
 * {@link #bootstrapServers()}, which stays the same for the node's whole life, including across
 * {@link #stop()}/{@link #restart()}. Internal topics are configured for a single node
 * ({@link #SINGLE_NODE_SETTINGS}), so consumer groups and transactions work. {@link #close()} stops the node and
 * deletes its data (the broker runs in this JVM's threads, so it ends with the JVM whatever happens; only the
 * temporary directory would stay).
 */
public final class KafkaNode implements AutoCloseable {

    /**
     * Broker settings a one-node cluster needs. Internal topics default to replication factor 3; with one node,
     * consumer groups and transactions would wait forever for replicas. One partition each, since creating the
     * default 50 makes the first group or transaction slow. The default 3 s rebalance delay only helps real
     * multi-member groups.
     */
    public static final Map<String, String> SINGLE_NODE_SETTINGS = Map.of(
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.num.partitions", "1",
            "group.initial.rebalance.delay.ms", "0");

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "localhost";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private Path dataDir;
    /** Set from start to close: what a restart runs again. */
    private KafkaConfig config;
    private String bootstrapServers;
    /** Set while the node runs. */
    private KafkaRaftServer server;

    /**
     * Formats a fresh data directory, starts the node and waits until the broker answers.
     *
     * @return this node
     * @throws IllegalStateException if already started, or if the broker does not answer within 30 s
     */
    public synchronized KafkaNode start() throws Exception {
        if (config != null) {
            throw new IllegalStateException("KafkaNode already started");
        }
        try {
            dataDir = Files.createTempDirectory("sieve-kafka-");
            String logDir = dataDir.toString();
            int[] ports = freePorts(2);
            int brokerPort = ports[0];
            int controllerPort = ports[1];
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
            bootstrapServers = HOST + ":" + brokerPort;
            config = new KafkaConfig(settings(logDir, brokerPort, controllerPort), false);
            run();
            return this;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * Stops the node (broker and controller), keeping its data and ports: clients see Kafka as down, connections
     * are refused. Topics, records and committed offsets are kept. Undo with {@link #restart()}.
     */
    public synchronized void stop() {
        requireStarted();
        halt();
    }

    private void halt() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts a node stopped by {@link #stop()} again, on the same ports with its data, and waits for the broker. */
    public synchronized void restart() throws Exception {
        requireStarted();
        if (server != null) {
            throw new IllegalStateException("KafkaNode is running: stop() it first");
        }
        run();
    }

    private void run() throws Exception {
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitBroker();
    }

    private void requireStarted() {
        if (config == null) {
            throw new IllegalStateException("KafkaNode not started: call start() first");
        }
    }

    private static Properties settings(String logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(SINGLE_NODE_SETTINGS);
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir);
        return p;
    }

    /**
     * Distinct loopback ports nothing listens on now; the node binds them a moment later (and again on a restart,
     * so they are fixed rather than picked by the node).
     */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private void awaitBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not answering yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The Kafka broker did not answer within " + READY_TIMEOUT);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:41234}. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return bootstrapServers;
    }

    /** Stops the node and deletes its data; safe to call more than once. */
    @Override
    public synchronized void close() {
        halt();
        config = null;
        if (dataDir != null) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                // best effort: a leftover temporary directory must not fail the shutdown
            }
            dataDir = null;
        }
    }
}
