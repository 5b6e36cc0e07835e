package dev.sieve.local.config;

import dev.sieve.local.demo.DemoSettings;
import dev.sieve.sink.config.RegionEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@code ./sieve run}, checked; instances come from {@link LocalConfigLoader}.
 *
 * @param kafkaBootstrapServers a Kafka to use; empty starts the in-process broker
 * @param kafkaClient           settings passed to every Kafka client as they are (TLS, SASL)
 * @param partitions            partitions of the topics created
 * @param clickHouse            a ClickHouse to store into (every region's); empty runs the embedded engine
 * @param clickHouseHttpPort    port of the embedded engine's HTTP interface
 * @param policyFile            the policy to enforce instead of the bundled one
 * @param keysDir               pseudonymization keys; empty generates demo keys for this run
 * @param geoDatabase           a MaxMind-format database for enrich's coarse geography
 * @param geoRanges             a CIDR table instead; with neither, the bundled table of documentation ranges
 * @param collectorHost         interface the collector listens on
 * @param collectorPort         the collector's port
 * @param metricsPort           port of the combined metrics and health endpoint of enrich, anonymize and sink
 * @param demo                  the demo traffic
 * @param duration              how long to run; empty runs until Ctrl-C
 */
public record LocalConfig(
        Optional<String> kafkaBootstrapServers,
        Map<String, String> kafkaClient,
        int partitions,
        Optional<RegionEndpoint> clickHouse,
        int clickHouseHttpPort,
        Optional<Path> policyFile,
        Optional<Path> keysDir,
        Optional<Path> geoDatabase,
        Optional<Path> geoRanges,
        String collectorHost,
        int collectorPort,
        int metricsPort,
        DemoSettings demo,
        Optional<Duration> duration) {

    public LocalConfig {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        kafkaClient = Map.copyOf(kafkaClient);
        Objects.requireNonNull(clickHouse, "clickHouse");
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(keysDir, "keysDir");
        Objects.requireNonNull(geoDatabase, "geoDatabase");
        Objects.requireNonNull(geoRanges, "geoRanges");
        Objects.requireNonNull(collectorHost, "collectorHost");
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(duration, "duration");
    }

    /** Kafka client settings hold passwords: only their names are shown. */
    @Override
    public String toString() {
        return "LocalConfig[kafkaBootstrapServers=" + kafkaBootstrapServers + ", kafkaClient=" + kafkaClient.keySet()
                + ", partitions=" + partitions + ", clickHouse=" + clickHouse + ", clickHouseHttpPort="
                + clickHouseHttpPort + ", policyFile=" + policyFile + ", keysDir=" + keysDir + ", geoDatabase="
                + geoDatabase + ", geoRanges=" + geoRanges + ", collectorHost=" + collectorHost + ", collectorPort="
                + collectorPort + ", metricsPort=" + metricsPort + ", demo=" + demo + ", duration=" + duration + "]";
    }
}
