package dev.sieve.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.Limits;
import dev.sieve.ingest.config.TlsConfig;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.sdk.Events;
import dev.sieve.sdk.SieveClient;
import dev.sieve.testsupport.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The collector over HTTPS, with a self-signed certificate made for the test by the JDK's keytool. */
class TlsIT {

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final String PASSWORD = "changeit-tls-test";
    @TempDir
    static Path dir;
    private static Collector collector;
    private static SSLContext trustingTheCollector;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = dir.resolve("collector.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        trustingTheCollector = sslContextTrusting(keyStore);

        TestBed.createTopics(KAFKA);
        CollectorConfig plain = TestBed.config(KAFKA, Limits.defaults());
        collector = Collector.start(new CollectorConfig(plain.http(),
                Optional.of(new TlsConfig(keyStore, PASSWORD, TlsConfig.DEFAULT_KEY_STORE_TYPE)), plain.kafka(),
                plain.limits(), plain.rateLimits(), plain.apiKeys(), plain.policy()));
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    private static SSLContext sslContextTrusting(Path keyStoreFile) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("collector", keyStore.getCertificate("collector"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void theSdkSendsOverHttps() {
        try (SieveClient client = SieveClient.builder()
                .endpoint(URI.create("https://localhost:" + collector.port()))
                .sslContext(trustingTheCollector)
                .apiKey(TestBed.API_KEY).appId(TestBed.APP).appVersion("4.2.1").region("cn-north")
                .deviceId("dev-tls")
                .build()) {
            client.send(Events.ip().ipAddress("192.0.2.7").build());
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.stats().sent()).isEqualTo(1);
        }
        assertThat(TestBed.readRaw(KAFKA, EventFamily.IP)).extracting(r -> r.key()).isEqualTo(List.of("dev-tls"));
    }

    @Test
    void plainHttpAndUntrustedClientsGetNoAnswer() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        HttpRequest https = HttpRequest.newBuilder(URI.create("https://localhost:" + collector.port() + "/health/live"))
                .build();
        assertThatThrownBy(() -> defaultTrust.send(https, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);

        HttpRequest plain = HttpRequest.newBuilder(URI.create("http://localhost:" + collector.port() + "/health/live"))
                .build();
        assertThatThrownBy(() -> defaultTrust.send(plain, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
