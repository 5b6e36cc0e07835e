package dev.sieve.ingest;

import dev.sieve.ingest.config.CollectorConfig;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.runtime.ConfigException;
import dev.sieve.schemas.policy.PolicyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the collector: {@code java dev.sieve.ingest.CollectorMain [CONFIG_FILE]}, the file defaulting to the
 * environment variable {@code SIEVE_INGEST_CONFIG}. Exits 2 on a bad configuration or policy, listing every
 * problem; stops cleanly on SIGTERM/SIGINT.
 */
public final class CollectorMain {

    /** Environment variable naming the configuration file when no argument does. */
    public static final String CONFIG_ENV = "SIEVE_INGEST_CONFIG";
    private static final int EXIT_CONFIG = 2;
    private static final Logger LOG = LoggerFactory.getLogger(CollectorMain.class);

    private CollectorMain() {}

    public static void main(String[] args) throws InterruptedException {
        String file = args.length > 0 ? args[0] : System.getenv(CONFIG_ENV);
        if (file == null || args.length > 1) {
            System.err.println("usage: CollectorMain CONFIG_FILE   (or set " + CONFIG_ENV + ")");
            System.exit(EXIT_CONFIG);
        }
        Collector collector;
        try {
            CollectorConfig config = CollectorConfigLoader.read(Path.of(file), System.getenv());
            collector = Collector.start(config);
            LOG.info("collector listening on port {} ({}), apps {}, rights API {}", collector.port(),
                    config.tls().isPresent() ? "https" : "http", new TreeSet<>(config.apiKeys().keySet()),
                    config.serverKeys().isEmpty() ? "off" : "for " + new TreeSet<>(config.serverKeys().keySet()));
        } catch (ConfigException | PolicyException | Collector.StartException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        } catch (IOException e) {
            System.err.println("cannot read the policy file: " + e);
            System.exit(EXIT_CONFIG);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing requests in progress, flushing to Kafka");
            collector.close();
            stopped.countDown();
        }, "collector-shutdown"));
        stopped.await();
    }
}
