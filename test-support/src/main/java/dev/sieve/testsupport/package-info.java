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
 * <p>Logging: Kafka and Testcontainers log through SLF4J. Add {@code org.slf4j:slf4j-simple} with
 * test scope and a {@code src/test/resources/simplelogger.properties} such as
 * {@code org.slf4j.simpleLogger.defaultLogLevel=warn}, or the broker fills the build log.
 */
package dev.sieve.testsupport;
