package dev.sieve.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker in Docker ({@value #IMAGE}, KRaft, single node) via Testcontainers.
 *
 * <p>Without a Docker engine, every test using the fixture (or calling {@link #start()}) is
 * skipped with "Docker not available: ..."; with one, it returns once the broker accepts clients.
 * Prefer {@link EmbeddedKafka} unless a test needs the packaged broker.
 *
 * <p>Per test class: {@code @RegisterExtension static final ContainerKafka KAFKA = new ContainerKafka();}
 */
public final class ContainerKafka extends ContainerFixture<KafkaContainer> {

    /** Same Kafka release as the client libraries ({@code kafka.version}). */
    public static final String IMAGE = "apache/kafka:4.3.1";

    public ContainerKafka() {
        super("ContainerKafka", () -> new KafkaContainer(IMAGE));
    }

    /**
     * Starts the container, or skips the caller via a JUnit assumption if Docker is missing.
     *
     * @return this fixture
     */
    public ContainerKafka start() {
        startContainer();
        return this;
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return running().getBootstrapServers();
    }
}
