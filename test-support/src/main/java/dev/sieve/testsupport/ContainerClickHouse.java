package dev.sieve.testsupport;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * A ClickHouse server in Docker ({@value #IMAGE}) via Testcontainers.
 *
 * <p>Without a Docker engine, every test using the fixture (or calling {@link #start()}) is
 * skipped with "Docker not available: ..."; with one, it returns once the HTTP interface answers.
 * {@link ClickHouseEngine} runs the same engine without Docker.
 *
 * <p>Per test class: {@code @RegisterExtension static final ContainerClickHouse CLICKHOUSE = new ContainerClickHouse();}
 */
public final class ContainerClickHouse extends ClassScopedFixture implements BeforeEachCallback {

    /** Same ClickHouse release line (26.9) as the chDB engine behind {@link ClickHouseEngine}. */
    public static final String IMAGE = "clickhouse/clickhouse-server:26.9";

    private static final int HTTP_PORT = 8123;

    private ClickHouseContainer container;

    /**
     * Starts the container, or skips the caller via a JUnit assumption if Docker is missing.
     *
     * @return this fixture
     */
    public synchronized ContainerClickHouse start() {
        if (container != null) {
            throw new IllegalStateException("ContainerClickHouse already started");
        }
        DockerAvailable.assumeAvailable();
        ClickHouseContainer starting = new ClickHouseContainer(IMAGE);
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

    /** The HTTP endpoint for ClickHouse clients, e.g. {@code http://localhost:32768}. */
    public synchronized String httpEndpoint() {
        return "http://" + running().getHost() + ":" + running().getMappedPort(HTTP_PORT);
    }

    /** The user the server was created with. */
    public synchronized String username() {
        return running().getUsername();
    }

    /** That user's password. */
    public synchronized String password() {
        return running().getPassword();
    }

    private ClickHouseContainer running() {
        if (container == null) {
            throw new IllegalStateException("ContainerClickHouse not started");
        }
        return container;
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
