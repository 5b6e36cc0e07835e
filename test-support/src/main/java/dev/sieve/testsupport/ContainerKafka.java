package dev.sieve.testsupport;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
public final class ContainerKafka extends ClassScopedFixture implements BeforeEachCallback {

    /** Same Kafka release as the client libraries ({@code kafka.version}). */
    public static final String IMAGE = "apache/kafka:4.3.1";

    private KafkaContainer container;

    /**
     * Starts the container, or skips the caller via a JUnit assumption if Docker is missing.
     *
     * @return this fixture
     */
    public synchronized ContainerKafka start() {
        if (container != null) {
            throw new IllegalStateException("ContainerKafka already started");
        }
        DockerAvailable.assumeAvailable();
        KafkaContainer starting = new KafkaContainer(IMAGE);
        starting.start();
        container = starting;
        return this;
    }

    @Override
    void startForTestClass() {
        // Without Docker the tests are skipped one by one in beforeEach: Surefire reports a
        // class aborted in beforeAll as "0 tests", which would hide the skip and its reason.
        if (DockerAvailable.isAvailable()) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        DockerAvailable.assumeAvailable();
    }

    /** The {@code bootstrap.servers} value for clients. */
    public synchronized String bootstrapServers() {
        if (container == null) {
            throw new IllegalStateException("ContainerKafka not started");
        }
        return container.getBootstrapServers();
    }

    /** Stops and removes the container; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }
}
