package dev.sieve.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

    private static final String NOTES_KEY = "notes-key-0123456789";

    private static Properties properties(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void theSmallestConfigurationTakesEveryDefault() throws Exception {
        CollectorConfig config = ConfigReader.read(properties("""
                kafka.bootstrap-servers=kafka-1:9092
                apps.notes.api-key=${NOTES_KEY}
                """), Map.of("NOTES_KEY", NOTES_KEY));

        assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080, Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(config.tls()).isEmpty();
        assertThat(config.kafka()).isEqualTo(new KafkaConfig("kafka-1:9092", Duration.ofSeconds(5),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(5), Map.of()));
        assertThat(config.limits()).isEqualTo(Limits.defaults());
        assertThat(config.apiKeys()).isEqualTo(Map.of("notes", NOTES_KEY));
        assertThat(config.policy()).isEmpty();
    }

    @Test
    void readsEverySetting(@TempDir Path dir) throws Exception {
        Path keyStore = Files.writeString(dir.resolve("collector.p12"), "not read here");
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "not read here");
        CollectorConfig config = ConfigReader.read(properties("""
                http.host=127.0.0.1
                http.port=0
                http.retry-after-seconds=2
                http.shutdown-timeout-ms=500
                tls.key-store=%s
                tls.key-store-password=${TLS_PASSWORD}
                tls.key-store-type=JKS
                kafka.bootstrap-servers=kafka-1:9092,kafka-2:9092
                kafka.request-timeout-ms=1000
                kafka.delivery-timeout-ms=3000
                kafka.max-block-ms=700
                kafka.linger-ms=0
                kafka.client.security.protocol=SSL
                limits.max-body-bytes=2000
                limits.max-events-per-batch=10
                limits.max-event-bytes=1000
                limits.max-string-length=100
                policy.file=%s
                apps.notes.api-key=notes-key-0123456789
                apps.chat.api-key=chat-key-0123456789
                """.formatted(keyStore, policy)), Map.of("TLS_PASSWORD", "changeit"));

        assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 0, Duration.ofSeconds(2), Duration.ofMillis(500)));
        assertThat(config.tls()).contains(new TlsConfig(keyStore, "changeit", "JKS"));
        assertThat(config.kafka()).isEqualTo(new KafkaConfig("kafka-1:9092,kafka-2:9092", Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofMillis(700), Duration.ZERO, Map.of("security.protocol", "SSL")));
        assertThat(config.limits()).isEqualTo(new Limits(2000, 10, 1000, 100));
        assertThat(config.apiKeys()).containsOnlyKeys("notes", "chat");
        assertThat(config.policy()).isEqualTo(Optional.of(policy));
    }

    @Test
    void reportsEveryProblemAtOnceByKey() throws Exception {
        Properties p = properties("""
                http.port=80000
                http.retry-after-seconds=soon
                tls.key-store-password=secret-password
                kafka.request-timeout-ms=5000
                kafka.delivery-timeout-ms=1000
                kafka.client.acks=1
                limits.max-body-bytes=1000
                limits.max-event-bytes=5000
                apps.Notes!.api-key=notes-key-0123456789
                apps.chat.api-key=short
                apps.mail.api-key=${MAIL_KEY}
                apps.a.api-key=same-key-0123456789
                apps.b.api-key=same-key-0123456789
                apps.b.owner=ops
                htpp.port=8080
                """);
        assertThatThrownBy(() -> ConfigReader.read(p, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "apps.Notes!.api-key: app id must be 1 to 64 lower-case letters, digits, '.', '_' or '-',"
                                + " starting with a letter or digit",
                        "apps.b.api-key: same key as apps.a.api-key; each app needs its own",
                        "apps.b.owner: unknown key; apps are configured as apps.<app-id>.api-key",
                        "apps.chat.api-key: too short: an API key needs at least 16 characters",
                        "apps.mail.api-key: environment variable MAIL_KEY is not set",
                        "htpp.port: unknown key",
                        "http.port: must be between 0 and 65535",
                        "http.retry-after-seconds: not a whole number",
                        "kafka.bootstrap-servers: required",
                        "kafka.client.acks: fixed by the collector, cannot be set",
                        "kafka.delivery-timeout-ms: must be at least kafka.linger-ms + kafka.request-timeout-ms (5005)",
                        "limits.max-event-bytes: must not exceed limits.max-body-bytes (1000)",
                        "tls.key-store-password: set without tls.key-store"));
    }

    @Test
    void aConfigurationWithoutAppsSaysHowToAddOne() throws Exception {
        assertThatThrownBy(() -> ConfigReader.read(properties("kafka.bootstrap-servers=k:9092"), Map.of()))
                .hasMessage("invalid collector configuration:\n  apps: no app configured: add apps.<app-id>.api-key");
    }

    @Test
    void tlsNeedsAReadableKeyStoreAndItsPassword(@TempDir Path dir) throws Exception {
        Properties p = properties("""
                kafka.bootstrap-servers=k:9092
                apps.notes.api-key=notes-key-0123456789
                tls.key-store=%s
                tls.key-store-type=PEM
                """.formatted(dir.resolve("missing.p12")));
        assertThatThrownBy(() -> ConfigReader.read(p, Map.of()))
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "tls.key-store: no readable file " + dir.resolve("missing.p12"),
                        "tls.key-store-password: required when tls.key-store is set",
                        "tls.key-store-type: must be one of JKS, PKCS12"));
    }

    @Test
    void secretsAppearNeitherInProblemsNorInToString(@TempDir Path dir) throws Exception {
        Properties bad = properties("""
                kafka.bootstrap-servers=k:9092
                apps.a.api-key=first-secret-key-123
                apps.b.api-key=first-secret-key-123
                """);
        assertThatThrownBy(() -> ConfigReader.read(bad, Map.of())).satisfies(
                e -> assertThat(e.getMessage()).doesNotContain("first-secret-key-123"));

        Path keyStore = Files.writeString(dir.resolve("k.p12"), "x");
        CollectorConfig good = ConfigReader.read(properties("""
                kafka.bootstrap-servers=k:9092
                kafka.client.sasl.jaas.config=secret-jaas-config
                apps.a.api-key=first-secret-key-123
                tls.key-store=%s
                tls.key-store-password=secret-store-password
                """.formatted(keyStore)), Map.of());
        assertThat(good.toString()).doesNotContain("first-secret-key-123", "secret-store-password",
                "secret-jaas-config").contains("apps=[a]");
    }

    @Test
    void aMissingFileIsOneProblem(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigReader.read(dir.resolve("nope.properties"), Map.of()))
                .hasMessage("invalid collector configuration:\n  " + dir.resolve("nope.properties")
                        + ": cannot read (NoSuchFileException)");
    }
}
