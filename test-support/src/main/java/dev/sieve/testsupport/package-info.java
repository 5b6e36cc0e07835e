/**
 * Shared test fixtures for Sieve modules; depend on {@code sieve-test-support} with test scope.
 *
 * <ul>
 *   <li>{@link dev.sieve.testsupport.EmbeddedKafka}: a real KRaft broker in this JVM ({@code sieve-kafka-local}).</li>
 *   <li>{@link dev.sieve.testsupport.ClickHouseEngine}: the real ClickHouse engine (chDB, {@code sieve-engine-local})
 *       in a Python helper process; needs {@code pip install chdb-core}.</li>
 *   <li>{@link dev.sieve.testsupport.ContainerKafka}, {@link dev.sieve.testsupport.ContainerClickHouse}:
 *       Testcontainers servers that skip without Docker ({@link dev.sieve.testsupport.DockerAvailable}).</li>
 * </ul>
 *
 * <p>Each fixture is a JUnit extension for one instance per test class:
 * {@code @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();}.
 * Outside JUnit, call {@code start()} and {@code close()} yourself.
 *
 * <p>Logging: Kafka and Testcontainers log through SLF4J. Every module's tests use logback with a
 * {@code src/test/resources/logback-test.xml} that keeps the broker at ERROR, or it fills the build log.
 */
package dev.sieve.testsupport;
