package dev.sieve.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.runtime.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigLoaderTest {

    private static final String NOTES_KEY = "notes-key-0123456789";

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("collector.properties"), text);
    }

    private CollectorConfig read(String text, Map<String, String> env) throws Exception {
        return CollectorConfigLoader.read(file(text), env);
    }

    @Test
    void theSmallestConfigurationTakesEveryDefault() throws Exception {
        CollectorConfig config = read("""
                kafka.bootstrap.servers=kafka-1:9092
                apps.notes.api-key=${NOTES_KEY}
                """, Map.of("NOTES_KEY", NOTES_KEY));

        assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080, Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(config.tls()).isEmpty();
        assertThat(config.kafka()).isEqualTo(new KafkaConfig("kafka-1:9092", Duration.ofSeconds(5),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(5), Map.of()));
        assertThat(config.limits()).isEqualTo(Limits.defaults());
        assertThat(config.rateLimits()).isEqualTo(RateLimits.defaults());
        assertThat(config.rateLimits().of("notes")).isEqualTo(new Rate(2000, 10_000));
        assertThat(config.apiKeys()).isEqualTo(Map.of("notes", NOTES_KEY));
        assertThat(config.policy()).isEmpty();
    }

    @Test
    void environmentVariablesOverrideKeys() throws Exception {
        CollectorConfig config = read("""
                kafka.bootstrap.servers=kafka-1:9092
                apps.notes.api-key=notes-key-0123456789
                """, Map.of("SIEVE_KAFKA_BOOTSTRAP_SERVERS", "kafka-2:9092", "SIEVE_HTTP_PORT", "9090"));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-2:9092");
        assertThat(config.http().port()).isEqualTo(9090);
    }

    @Test
    void readsEverySetting() throws Exception {
        Path keyStore = Files.writeString(dir.resolve("collector.p12"), "not read here");
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "not read here");
        CollectorConfig config = read("""
                http.host=127.0.0.1
                http.port=0
                http.retry-after-seconds=2
                http.shutdown-timeout-ms=500
                tls.key-store=%s
                tls.key-store-password=${TLS_PASSWORD}
                tls.key-store-type=JKS
                kafka.bootstrap.servers=kafka-1:9092,kafka-2:9092
                kafka.request-timeout-ms=1000
                kafka.delivery-timeout-ms=3000
                kafka.max-block-ms=700
                kafka.linger-ms=0
                kafka.client.security.protocol=SSL
                limits.max-body-bytes=2000
                limits.max-events-per-batch=10
                limits.max-event-bytes=1000
                limits.max-string-length=100
                limits.app-events-per-second=50
                limits.app-burst=200
                policy.file=%s
                apps.notes.api-key=notes-key-0123456789
                apps.notes.events-per-second=500
                apps.notes.burst=1000
                apps.chat.api-key=chat-key-0123456789
                apps.mail.api-key=mail-key-0123456789
                apps.mail.burst=10
                """.formatted(keyStore, policy), Map.of("TLS_PASSWORD", "changeit"));

        assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 0, Duration.ofSeconds(2), Duration.ofMillis(500)));
        assertThat(config.tls()).contains(new TlsConfig(keyStore, "changeit", "JKS"));
        assertThat(config.kafka()).isEqualTo(new KafkaConfig("kafka-1:9092,kafka-2:9092", Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofMillis(700), Duration.ZERO, Map.of("security.protocol", "SSL")));
        assertThat(config.limits()).isEqualTo(new Limits(2000, 10, 1000, 100));
        assertThat(config.apiKeys()).containsOnlyKeys("notes", "chat", "mail");
        assertThat(config.rateLimits().of("notes")).isEqualTo(new Rate(500, 1000));
        assertThat(config.rateLimits().of("chat")).isEqualTo(new Rate(50, 200));
        assertThat(config.rateLimits().of("mail")).as("its own burst, the default rate").isEqualTo(new Rate(50, 10));
        assertThat(config.policy()).isEqualTo(Optional.of(policy));
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        Path p = file("""
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
        assertThatThrownBy(() -> CollectorConfigLoader.read(p, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "http.port: must be between 0 and 65535",
                        "http.retry-after-seconds: 'soon' is not a whole number",
                        "tls.key-store-password: set without tls.key-store",
                        "kafka.bootstrap.servers: required (or set SIEVE_KAFKA_BOOTSTRAP_SERVERS)",
                        "kafka.delivery-timeout-ms: must be at least kafka.linger-ms + kafka.request-timeout-ms (5005)",
                        "kafka.client.acks: fixed by the collector, cannot be set",
                        "limits.max-event-bytes: must not exceed limits.max-body-bytes (1000)",
                        "apps.Notes!.api-key: app id must be 1 to 64 lower-case letters, digits, '.', '_' or '-',"
                                + " starting with a letter or digit",
                        "apps.b.owner: unknown key; apps are configured as apps.<app-id>.api-key (and optionally"
                                + " apps.<app-id>.events-per-second, apps.<app-id>.burst, apps.<app-id>.server-key)",
                        "apps.b.api-key: same key as apps.a.api-key; each app needs its own",
                        "apps.chat.api-key: too short: an API key needs at least 16 characters",
                        "apps.mail.api-key: environment variable MAIL_KEY is not set",
                        "htpp.port: unknown key (known: http.host, http.port, http.retry-after-seconds,"
                                + " http.shutdown-timeout-ms, kafka.bootstrap.servers, kafka.delivery-timeout-ms,"
                                + " kafka.linger-ms, kafka.max-block-ms, kafka.request-timeout-ms,"
                                + " limits.app-burst, limits.app-events-per-second, limits.max-body-bytes, limits.max-event-bytes, limits.max-events-per-batch,"
                                + " limits.max-string-length, policy.file, rights.export-dir, rights.poll-interval-ms,"
                                + " rights.sink-config, tls.key-store, tls.key-store-password,"
                                + " tls.key-store-type, kafka.client.*, apps.*)"));
    }

    @Test
    void serverKeysAreTheirOwnAndBringTheRightsApi() throws Exception {
        Path sinkConfig = Files.writeString(dir.resolve("sink.properties"), "kafka.bootstrap.servers=k:9092\n");
        CollectorConfig config = read("""
                kafka.bootstrap.servers=k:9092
                apps.notes.api-key=notes-key-0123456789
                apps.notes.server-key=notes-server-key-0123
                apps.chat.api-key=chat-key-0123456789
                rights.sink-config=%s
                rights.export-dir=%s
                rights.poll-interval-ms=500
                """.formatted(sinkConfig, dir), Map.of());
        assertThat(config.serverKeys()).isEqualTo(Map.of("notes", "notes-server-key-0123"));
        assertThat(config.rights()).contains(new RightsConfig(sinkConfig, dir, Duration.ofMillis(500)));
        assertThat(config.toString()).doesNotContain("notes-server-key-0123").contains("serverKeyApps=[notes]");
    }

    @Test
    void aServerKeyMustDifferFromEveryKeyAndNeedsTheRightsSettings() throws Exception {
        Path p = file("""
                kafka.bootstrap.servers=k:9092
                apps.notes.api-key=notes-key-0123456789
                apps.notes.server-key=notes-key-0123456789
                apps.chat.api-key=chat-key-0123456789
                apps.chat.server-key=short
                apps.mail.server-key=mail-server-key-0123
                apps.zeta.api-key=zeta-key-0123456789
                apps.zeta.server-key=zeta-server-key-0123
                apps.zulu.api-key=zulu-key-0123456789
                apps.zulu.server-key=zeta-server-key-0123
                """);
        assertThatThrownBy(() -> CollectorConfigLoader.read(p, Map.of()))
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "apps.chat.server-key: too short: a server key needs at least 16 characters",
                        "apps.mail.server-key: set without apps.mail.api-key",
                        "apps.notes.server-key: same key as apps.notes.api-key; a server key must differ from"
                                + " every other key",
                        "apps.zulu.server-key: same key as apps.zeta.server-key; a server key must differ from"
                                + " every other key",
                        "rights.sink-config: required when an app has a server key (apps.<app-id>.server-key)",
                        "rights.export-dir: required when an app has a server key (apps.<app-id>.server-key)"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("notes-key-0123456789",
                        "zeta-server-key-0123"));
    }

    @Test
    void theRightsSettingsNeedAServerKey() throws Exception {
        Path p = file("""
                kafka.bootstrap.servers=k:9092
                apps.notes.api-key=notes-key-0123456789
                rights.export-dir=%s
                """.formatted(dir));
        assertThatThrownBy(() -> CollectorConfigLoader.read(p, Map.of()))
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "rights.export-dir: set without any apps.<app-id>.server-key: the rights API serves only apps"
                                + " with a server key"));
    }

    @Test
    void ratesAreWholeNumbersAndEveryBurstHoldsAFullBatch() throws Exception {
        Path p = file("""
                kafka.bootstrap.servers=k:9092
                limits.max-events-per-batch=100
                limits.app-burst=50
                apps.notes.api-key=notes-key-0123456789
                apps.notes.events-per-second=0
                apps.notes.burst=99
                apps.chat.api-key=chat-key-0123456789
                apps.chat.events-per-second=fast
                apps.mail.burst=500
                """);
        assertThatThrownBy(() -> CollectorConfigLoader.read(p, Map.of()))
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "limits.app-burst: must be at least limits.max-events-per-batch (100), or a full batch"
                                + " could never pass",
                        "apps.chat.events-per-second: 'fast' is not a whole number",
                        "apps.mail.burst: set without apps.mail.api-key",
                        "apps.notes.events-per-second: must be at least 1",
                        "apps.notes.burst: must be at least limits.max-events-per-batch (100), or a full batch could"
                                + " never pass"));
    }

    @Test
    void aConfigurationWithoutAppsSaysHowToAddOne() throws Exception {
        Path p = file("kafka.bootstrap.servers=k:9092");
        assertThatThrownBy(() -> CollectorConfigLoader.read(p, Map.of()))
                .hasMessage("1 problem in " + p + ":\n  apps: no app configured: add apps.<app-id>.api-key");
    }

    @Test
    void tlsNeedsAReadableKeyStoreAndItsPassword() throws Exception {
        Path p = file("""
                kafka.bootstrap.servers=k:9092
                apps.notes.api-key=notes-key-0123456789
                tls.key-store=%s
                tls.key-store-type=PEM
                """.formatted(dir.resolve("missing.p12")));
        assertThatThrownBy(() -> CollectorConfigLoader.read(p, Map.of()))
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "tls.key-store: cannot read " + dir.resolve("missing.p12"),
                        "tls.key-store-password: required when tls.key-store is set",
                        "tls.key-store-type: must be one of JKS, PKCS12"));
    }

    @Test
    void secretsAppearNeitherInProblemsNorInToString() throws Exception {
        Path bad = file("""
                kafka.bootstrap.servers=k:9092
                apps.a.api-key=first-secret-key-123
                apps.b.api-key=first-secret-key-123
                """);
        assertThatThrownBy(() -> CollectorConfigLoader.read(bad, Map.of())).satisfies(
                e -> assertThat(e.getMessage()).doesNotContain("first-secret-key-123"));

        Path keyStore = Files.writeString(dir.resolve("k.p12"), "x");
        CollectorConfig good = read("""
                kafka.bootstrap.servers=k:9092
                kafka.client.sasl.jaas.config=secret-jaas-config
                apps.a.api-key=first-secret-key-123
                tls.key-store=%s
                tls.key-store-password=secret-store-password
                """.formatted(keyStore), Map.of());
        assertThat(good.toString()).doesNotContain("first-secret-key-123", "secret-store-password",
                "secret-jaas-config").contains("apps=[a]");
    }

    @Test
    void aMissingFileIsOneProblem() {
        assertThatThrownBy(() -> CollectorConfigLoader.read(dir.resolve("nope.properties"), Map.of()))
                .hasMessage("1 problem in " + dir.resolve("nope.properties") + ":\n  cannot read (NoSuchFileException)");
    }
}
