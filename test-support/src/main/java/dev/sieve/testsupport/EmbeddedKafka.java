package dev.sieve.testsupport;

import dev.sieve.kafkalocal.KafkaNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real Kafka broker (KRaft, one combined broker+controller node) running in this JVM, as a test fixture: the
 * {@link KafkaNode} that {@code ./sieve run} starts, plus what tests ask of it.
 *
 * <p>Guarantees: after {@link #start()} returns, the broker is registered and accepts clients at
 * {@link #bootstrapServers()}, which stays the same for the fixture's whole life, including across
 * {@link #stopBroker()}/{@link #startBroker()}. Internal topics are configured for a single node, so consumer
 * groups and transactions work. {@link #close()} stops the node and deletes its data directory.
 *
 * <p>Per test class: {@code @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();}
 *
 * <p>The broker logs through SLF4J; a test class path's {@code logback-test.xml} keeps it at ERROR (see the
 * modules' test resources).
 */
public final class EmbeddedKafka extends ClassScopedFixture {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaNode node = new KafkaNode();
    private Admin admin;

    /**
     * Formats and starts the node and waits until the broker is ready.
     *
     * @return this fixture
     * @throws IllegalStateException if already started
     */
    public synchronized EmbeddedKafka start() throws Exception {
        node.start();
        try {
            admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    @Override
    void startForTestClass() throws Exception {
        start();
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:41234}. */
    public synchronized String bootstrapServers() {
        return node.bootstrapServers();
    }

    /**
     * Creates a topic (replication factor 1) and returns once every partition has a leader,
     * so producers can write to it immediately.
     */
    public synchronized void createTopic(String name, int partitions) throws Exception {
        node.bootstrapServers(); // refuses before start()
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        awaitTopic(name, partitions);
    }

    /**
     * Waits until the broker knows topic {@code name} with a leader for each of its partitions: a topic created
     * through another client is committed by the controller before the broker's metadata has it.
     */
    public synchronized void awaitTopic(String name, int partitions) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!hasLeaders(name, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Topic " + name + " has no leader for every partition after " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    private boolean hasLeaders(String topic, int partitions) throws Exception {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            // The controller has created the topic but the broker's metadata may lag behind.
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Settings for a reliable producer: {@code acks=all}, idempotence on, byte-array
     * serializers (pass serializer instances to the producer to use others). Add
     * {@code transactional.id} for transactions.
     */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /**
     * Settings for a consumer in group {@code groupId} that reads each topic from the
     * beginning, sees only committed transactional records ({@code read_committed}) and
     * commits offsets only when asked; byte-array deserializers.
     */
    public Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /**
     * Stops the node: clients see the broker as down, connections are refused. Topics, records and committed
     * offsets are kept. Undo with {@link #startBroker()}.
     */
    public synchronized void stopBroker() {
        node.stop();
    }

    /** Restarts a node stopped by {@link #stopBroker()} on the same port and waits until the broker is ready. */
    public synchronized void startBroker() throws Exception {
        node.restart();
    }

    /** Stops the node and deletes its data; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        node.close();
    }
}
