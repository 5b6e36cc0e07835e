package dev.sieve.testsupport;

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
public final class ContainerClickHouse extends ContainerFixture<ClickHouseContainer> {

    /** Same ClickHouse release line (26.9) as the chDB engine behind {@link ClickHouseEngine}. */
    public static final String IMAGE = "clickhouse/clickhouse-server:26.9";

    private static final int HTTP_PORT = 8123;

    public ContainerClickHouse() {
        super("ContainerClickHouse", () -> new ClickHouseContainer(IMAGE));
    }

    /**
     * Starts the container, or skips the caller via a JUnit assumption if Docker is missing.
     *
     * @return this fixture
     */
    public ContainerClickHouse start() {
        startContainer();
        return this;
    }

    /** The HTTP endpoint for ClickHouse clients, e.g. {@code http://localhost:32768}. */
    public String httpEndpoint() {
        return "http://" + running().getHost() + ":" + running().getMappedPort(HTTP_PORT);
    }

    /** The user the server was created with. */
    public String username() {
        return running().getUsername();
    }

    /** That user's password. */
    public String password() {
        return running().getPassword();
    }
}
