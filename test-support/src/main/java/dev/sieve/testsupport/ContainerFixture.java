package dev.sieve.testsupport;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;

/**
 * A Testcontainers container as a per-class fixture that skips cleanly without Docker: each test using it is
 * skipped with "Docker not available: ...", and with Docker the container runs for the whole class.
 */
abstract class ContainerFixture<C extends GenericContainer<?>> extends ClassScopedFixture implements BeforeEachCallback {

    private final String name;
    private final Supplier<C> create;
    private C container;

    ContainerFixture(String name, Supplier<C> create) {
        this.name = name;
        this.create = create;
    }

    /** Starts the container, or skips the caller via a JUnit assumption if Docker is missing. */
    final synchronized void startContainer() {
        if (container != null) {
            throw new IllegalStateException(name + " already started");
        }
        DockerAvailable.assumeAvailable();
        C starting = create.get();
        starting.start();
        container = starting;
    }

    @Override
    final void startForTestClass() {
        // Without Docker the tests are skipped one by one in beforeEach: Surefire reports a
        // class aborted in beforeAll as "0 tests", which would hide the skip and its reason.
        if (DockerAvailable.isAvailable()) {
            startContainer();
        }
    }

    @Override
    public final void beforeEach(ExtensionContext context) {
        DockerAvailable.assumeAvailable();
    }

    /** The running container; fails if it was not started. */
    final synchronized C running() {
        if (container == null) {
            throw new IllegalStateException(name + " not started");
        }
        return container;
    }

    /** Stops and removes the container; safe to call more than once. */
    @Override
    public final synchronized void close() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }
}
