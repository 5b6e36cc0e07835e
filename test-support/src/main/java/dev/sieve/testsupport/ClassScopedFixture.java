package dev.sieve.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets a fixture be registered as {@code @RegisterExtension static final} field: it
 * starts before the test class and stops after it. {@code @Nested} classes inherit the
 * extension and reuse the running fixture instead of starting it again.
 */
abstract class ClassScopedFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Unique id of the test class whose beforeAll started the fixture; null when not started by JUnit. */
    private String startedBy;

    /** Starts the fixture; called once per outermost test class. */
    abstract void startForTestClass() throws Exception;

    /** Stops the fixture and releases everything it holds; safe to call more than once. */
    @Override
    public abstract void close();

    @Override
    public final synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (startedBy == null) {
            startForTestClass();
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public final synchronized void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            startedBy = null;
            close();
        }
    }
}
