package dev.sieve.process.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each Kafka Streams stage's {@code main} (one {@code StreamsApp.main} behind all three) as an operator meets it: a
 * configuration it cannot start with prints what to fix (the file, then each problem) and exits 2, before touching Kafka; never a
 * stack trace, never the value of a secret.
 */
class StageMainIT {

    private static final String SECRET = "s3cr3t-value-never-printed";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"dev.sieve.enrich.EnrichApp", "dev.sieve.anonymize.AnonymizeApp",
            "dev.sieve.process.ProcessApp"})
    void aConfigurationItCannotStartWithSaysWhatToFixAndExitsTwo(String mainClass) throws Exception {
        Path config = dir.resolve("stage.properties");
        Files.writeString(config, String.join("\n",
                "kafka.bootstrap.servers=localhost:1",
                "streams.sasl.jaas.config=" + SECRET,
                "colour=blue"), StandardCharsets.UTF_8);

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass, config.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s exits", mainClass).isTrue();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(String.join("\n", lines))
                .contains(config.toString(), "colour: unknown key")
                .doesNotContain(SECRET)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(lines).hasSizeLessThanOrEqualTo(2);
    }
}
