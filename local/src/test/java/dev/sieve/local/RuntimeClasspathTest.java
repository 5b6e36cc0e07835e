package dev.sieve.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What ships with {@code ./sieve run}: the runtime class path the build writes for it
 * ({@code target/runtime-classpath.txt}, by maven-dependency-plugin before the tests run) holds no test library,
 * no test jar and no test fixture module.
 */
class RuntimeClasspathTest {

    /** Parts of a jar's or module's path that only test code has. */
    private static final List<String> TEST_ONLY = List.of("junit", "opentest4j", "apiguardian", "assertj", "jqwik",
            "testcontainers", "kafka-test-common", "test-utils", "test-support", "-test.jar", "-tests.jar");

    private static List<String> runtimeClasspath() throws Exception {
        String written = Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
        return Arrays.asList(written.split(File.pathSeparator));
    }

    @Test
    void holdsNoTestLibraryNoTestJarAndNoFixtureModule() throws Exception {
        assertThat(runtimeClasspath()).noneSatisfy(entry -> assertThat(TEST_ONLY)
                .anySatisfy(part -> assertThat(entry.toLowerCase(Locale.ROOT)).contains(part)));
    }

    @Test
    void holdsTheEmbeddedBrokerAndEngineTheRunStartsOn() throws Exception {
        assertThat(runtimeClasspath())
                .anySatisfy(entry -> assertThat(entry).containsAnyOf("sieve-kafka-local", "kafka-local/"))
                .anySatisfy(entry -> assertThat(entry).containsAnyOf("sieve-engine-local", "engine-local/"))
                .anySatisfy(entry -> assertThat(entry).contains("kafka_2.13"));
    }
}
